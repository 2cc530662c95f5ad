namespace CMix.Models;

/// <summary>
/// What every part, selector and SSE stage may read: the history, the partial byte, the text
/// state, and the level's primary match and context models (the first of each kind built),
/// whose predictions and counts other components use as contexts.
/// </summary>
/// <remarks>
/// The predictor advances <see cref="C0"/> and <see cref="BitPos"/> after every part's
/// <see cref="ModelPart.Update"/>, adds each byte to the history and to <see cref="Text"/> at the
/// byte boundary, before <see cref="ModelPart.OnByte"/>.
/// </remarks>
public sealed class CodingState
{
    /// <param name="history">the history every part shares</param>
    public CodingState(History history)
    {
        History = history;
        Text = new TextState(history);
    }

    private CodingState(CodingState source)
    {
        History = source.History.Clone();
        Text = source.Text.CloneFor(History);
        C0 = source.C0;
        BitPos = source.BitPos;
    }

    /// <summary>
    /// A copy of this state with its own history and text state, and no <see cref="Match"/> or
    /// <see cref="Contexts"/> yet: the copied parts claim those as they are copied
    /// (<c>Predictor.Clone</c>).
    /// </summary>
    internal CodingState Clone() => new(this);

    /// <summary>The bytes coded so far.</summary>
    public History History { get; }

    /// <summary>Words, classes, lines and brackets of the recent bytes.</summary>
    public TextState Text { get; }

    /// <summary>The partial byte with a leading 1 (1..255).</summary>
    public int C0 { get; internal set; } = 1;

    /// <summary>Bits of the current byte coded so far (0..7).</summary>
    public int BitPos { get; internal set; }

    /// <summary>The level's first match model, or null (a level with no match model).</summary>
    public MatchModel? Match { get; internal set; }

    /// <summary>The level's first context model, or null.</summary>
    public ContextModel? Contexts { get; internal set; }
}
