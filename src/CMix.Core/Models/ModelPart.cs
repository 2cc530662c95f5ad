using CMix.Mixing;

namespace CMix.Models;

/// <summary>
/// One model of a level: it gives the mixer <see cref="Inputs"/> stretched predictions before
/// every bit and learns from the bit after it. A level is a table of parts (see
/// <see cref="PartSpec"/>); the predictor calls every part in table order and knows nothing else
/// about them.
/// </summary>
/// <remarks>
/// <para>Call order per bit: <see cref="Mix"/>, the bit is coded, <see cref="Update"/>.</para>
/// <para>
/// At a byte boundary, once the last bit is known and the history and <see cref="TextState"/>
/// have the byte, the predictor calls every part's <see cref="OnByte"/>, then every part's
/// <see cref="Prefetch"/>, then (after the last bit's <see cref="Update"/> of every part)
/// every part's <see cref="BeginByte"/>. OnByte updates what other parts read (a match model's
/// prediction, which the text contexts hash); Prefetch hashes the coming byte's contexts and
/// starts loading their memory, so that the latency hides behind the last bit's training;
/// BeginByte waits for those loads.
/// </para>
/// <para>
/// Parts read the shared <see cref="CodingState"/> (history, partial byte, text state), never
/// each other's internals. Numeric domain of the inputs: stretched probabilities in ±2047.
/// </para>
/// </remarks>
public abstract class ModelPart : IDisposable
{
    /// <summary>Mixer inputs this part adds per bit (the same count every bit).</summary>
    public abstract int Inputs { get; }

    /// <summary>Adds exactly <see cref="Inputs"/> inputs for the coming bit.</summary>
    public abstract void Mix(Mixer m);

    /// <summary>Learns from the coded bit <paramref name="y"/> (the shared state still describes the bit just coded).</summary>
    public abstract void Update(int y);

    /// <summary>The byte is in the history and the text state: update what other parts read at <see cref="Prefetch"/>.</summary>
    public virtual void OnByte()
    {
    }

    /// <summary>Hash the coming byte's contexts and start loading their memory (before the last bit's <see cref="Update"/>).</summary>
    public virtual void Prefetch()
    {
    }

    /// <summary>After the last bit's <see cref="Update"/>: start the coming byte.</summary>
    public virtual void BeginByte()
    {
    }

    /// <summary>
    /// A copy of this part, in its state now, that reads <paramref name="state"/> (a copy of the
    /// state this part reads) and owns copies of its tables: driven with the same bits it predicts
    /// exactly as this part would (<c>Predictor.Clone</c>).
    /// </summary>
    internal virtual ModelPart CloneFor(CodingState state) =>
        throw new NotSupportedException($"{GetType().Name} cannot be copied");

    /// <summary>
    /// Sets the counts that slow this part's adaptive maps down back to their starting values,
    /// keeping what the maps learned (see <c>Predictor.RestartRates</c>); a part without such
    /// counts does nothing.
    /// </summary>
    internal virtual void RestartRates()
    {
    }

    /// <summary>Frees native memory (each table's own handle frees it too if this is never called); the part must not be used after.</summary>
    public virtual void Dispose()
    {
    }
}
