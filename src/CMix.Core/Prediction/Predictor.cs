using System.Diagnostics;
using System.Runtime.CompilerServices;
using CMix.Apm;
using CMix.Mixing;
using CMix.Models;

namespace CMix.Prediction;

/// <summary>
/// The only place that knows the wiring: a level's parts → mixer → SSE chain. Gives the
/// probability of the next bit, then learns from it. Encoder and decoder drive identical
/// predictors with the same bits, so they produce identical probabilities.
/// </summary>
/// <remarks>
/// Call order per bit: <see cref="P"/>, code the bit, <see cref="Update"/>. Numeric domains:
/// part inputs stretched (±2047), mixer output 12-bit, output 16-bit in [1, 65535] for the coder.
/// What a level holds is declared in <see cref="Levels"/>; this class only iterates it. Memory:
/// <see cref="ModelSettings.EstimatedBytes"/>, in native tables released by <see cref="Dispose"/>
/// (or by their finalisers when a predictor is dropped undisposed).
/// </remarks>
public sealed class Predictor : IDisposable
{
    private readonly ModelSettings _settings;
    private readonly CodingState _state;
    private readonly ModelPart[] _parts;
    private readonly Mixer _mixer;
    private readonly SelectorChoice _choice;
    private readonly int _c2c1Selector;  // index of the C2C1 selector in layer 1, or -1
    private readonly SseChain _sse;
    private readonly SseRole[] _roles;
    // SSE stages by when their next row is known (see SetRows): before the byte boundary those
    // keyed by bytes alone, after it the others (keyed by the text state); the match stage's
    // context only in P, once the match model has its expected bit.
    private readonly int[] _rowsAtByteEnd;
    private readonly int[] _rowsAtByteStart;
    private readonly int[] _contextInP;

    /// <summary>Builds the model for <paramref name="settings"/>; <paramref name="kernel"/> overrides the mixer kernel.</summary>
    public Predictor(ModelSettings settings, MixerKernel? kernel = null)
        : this(settings, kernel, startPosition: 0)
    {
    }

    /// <summary>As the public constructor, with the history starting at <paramref name="startPosition"/> (tests of 64-bit positions).</summary>
    internal Predictor(ModelSettings settings, MixerKernel? kernel, long startPosition)
    {
        settings.Validate();
        _settings = settings;
        _state = new CodingState(new History(settings.HistoryBits, startPosition));
        _parts = new ModelPart[settings.Parts.Length];
        for (int i = 0; i < _parts.Length; i++)
        {
            _parts[i] = settings.Parts[i].Build(_state);
        }

        _choice = new SelectorChoice(settings.Selectors, settings.FinalSelectors);
        _choice.BeginByte(_state);
        _c2c1Selector = Array.IndexOf(settings.Selectors, Selector.C2C1);
        _mixer = new Mixer(settings.MixerInputs, settings.SelectorSets, settings.FinalSelectorSets, kernel, settings.MixerSetRates);
        _sse = new SseChain(settings.Sse);
        SseStage[] sse = settings.Sse.Stages;
        _roles = new SseRole[sse.Length];
        var atByteEnd = new List<int>();
        var atByteStart = new List<int>();
        var inP = new List<int>();
        for (int k = 0; k < sse.Length; k++)
        {
            SseRole role = _roles[k] = sse[k].Role;
            (role == SseRole.MatchState ? inP : SseContexts.BytesOnly(role) ? atByteEnd : atByteStart).Add(k);
        }

        _rowsAtByteEnd = [.. atByteEnd];
        _rowsAtByteStart = [.. atByteStart];
        _contextInP = [.. inP];
        SetRows(_rowsAtByteEnd, _state.History.C4);  // the first byte's
        SetRows(_rowsAtByteStart, _state.History.C4);
    }

    /// <summary>
    /// A copy of <paramref name="source"/> as it is now: every part, the mixer, the SSE stages, the
    /// history and the text state, with copies of their tables (see <see cref="Clone"/>).
    /// </summary>
    private Predictor(Predictor source)
    {
        _settings = source._settings;
        _state = source._state.Clone();
        _parts = new ModelPart[source._parts.Length];
        for (int i = 0; i < _parts.Length; i++)
        {
            // In table order, so the first match and context models claim the state's slots as
            // the constructor's did.
            _parts[i] = source._parts[i].CloneFor(_state);
        }

        _choice = source._choice.Clone();
        _c2c1Selector = source._c2c1Selector;
        _mixer = source._mixer.Clone();
        _sse = source._sse.Clone();
        _roles = source._roles;  // these arrays are never written after construction: shared
        _rowsAtByteEnd = source._rowsAtByteEnd;
        _rowsAtByteStart = source._rowsAtByteStart;
        _contextInP = source._contextInP;
    }

    /// <summary>
    /// An independent copy of this predictor as it is now, between bits (after an
    /// <see cref="Update"/>, before the next <see cref="P"/>): driven with the same bits from here,
    /// it gives exactly the probabilities this one would. What a model that has learned some bytes
    /// costs on each of several others, without learning them again (the NCD matrix). Memory: as
    /// much again as this predictor has touched (table pages still all zero are not copied).
    /// </summary>
    public Predictor Clone() => new(this);

    /// <summary>
    /// Restarts every learning rate that slows down with use, keeping everything learned: the
    /// counts of the adaptive probability maps (the parts' state, run, match and direct maps, the
    /// adaptive SSE bins) go back to their starting values and the mixer's rate schedule to its
    /// start, while the probabilities, bit histories, weights and the match, DMC and hash tables
    /// stay. The predictor then learns what follows at a fresh predictor's rates, from this one's
    /// knowledge. For the conditional costs of `cmix ncd` (the NCD matrix): a
    /// model whose maps reached their count limits on x adapts to an unrelated y at 1/1024 of
    /// the rate a fresh model starts at, which made C(y|x) exceed C(y). Never called when coding.
    /// </summary>
    internal void RestartRates()
    {
        foreach (ModelPart part in _parts)
        {
            part.RestartRates();
        }

        _mixer.RestartRates();
        _sse.RestartRates();
    }

    /// <summary>The settings this predictor was built from.</summary>
    public ModelSettings Settings => _settings;

    /// <summary>The mixer kernel in use.</summary>
    public MixerKernel Kernel => _mixer.Kernel;

    /// <summary>Probability that the next bit is 1, 16-bit in [1, 65535].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int P()
    {
        Mixer mixer = _mixer;
        foreach (ModelPart part in _parts)
        {
            // Direct calls for the kinds every level has (sealed: a type test and an inlinable
            // call instead of a virtual one on the per-bit path); any other part through its
            // virtual Mix. Update dispatches the same way.
            if (part is ContextModel cm)
            {
                cm.Mix(mixer);
            }
            else if (part is MatchModel match)
            {
                match.Mix(mixer);
            }
            else if (part is DirectModel direct)
            {
                direct.Mix(mixer);
            }
            else
            {
                part.Mix(mixer);
            }
        }

        _mixer.Add(ModelSettings.BiasInput);
        _choice.Choose(_mixer, _state);
        int pr = _mixer.P();
        foreach (int k in _contextInP)
        {
            _sse.SetContext(k, SseContexts.Match(_state.C0, _state));
        }

        return _sse.Refine(pr);
    }

    /// <summary>Trains every component with the coded bit <paramref name="y"/> and advances the context.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Update(int y)
    {
        Debug.Assert(y == 0 || y == 1);
        int c0 = (_state.C0 << 1) | y;
        bool byteEnds = _state.BitPos == 7;
        if (byteEnds)
        {
            SetRows(_rowsAtByteEnd, (_state.History.C4 << 8) | (uint)(c0 & 255));
            StartByte(c0 & 255);
            _choice.BeginByte(_state);
        }
        else
        {
            _sse.NextBit(c0);
        }

        foreach (ModelPart part in _parts)
        {
            if (part is ContextModel cm)
            {
                cm.Update(y);
            }
            else if (part is MatchModel match)
            {
                match.Update(y);
            }
            else if (part is DirectModel direct)
            {
                direct.Update(y);
            }
            else
            {
                part.Update(y);
            }
        }

        _mixer.Update(y);
        _sse.Update(y);
        if (!byteEnds)
        {
            _state.C0 = c0;
            _state.BitPos++;
            return;
        }

        _state.C0 = 1;
        _state.BitPos = 0;
        // In reverse: the first parts (the context model, with the most memory to wait for) get
        // every later part's byte work to hide their loads behind.
        for (int i = _parts.Length - 1; i >= 0; i--)
        {
            _parts[i].BeginByte();
        }

        // The rows of the stages keyed by words and classes are known only now.
        SetRows(_rowsAtByteStart, _state.History.C4);
    }

    /// <summary>
    /// First half of the byte boundary, before the last bit's training: byte <paramref name="c"/>
    /// enters the history and the text state, the parts update what others read and hash the
    /// coming byte's contexts, starting their loads (the latency hides behind the training).
    /// </summary>
    private void StartByte(int c)
    {
        _state.History.Add(c);
        _state.Text.Update(c);
        if (_c2c1Selector >= 0)
        {
            _mixer.Prefetch(_c2c1Selector, (int)(_state.History.C4 & 0xFFFF));
        }

        foreach (ModelPart part in _parts)
        {
            part.OnByte();
        }

        foreach (ModelPart part in _parts)
        {
            part.Prefetch();
        }
    }

    /// <summary>
    /// Sets the coming byte's rows of SSE <paramref name="stages"/>, after the bytes
    /// <paramref name="c4"/>, as soon as they are known: those keyed by bytes alone before the
    /// byte boundary's updates, those keyed by the text state after them.
    /// </summary>
    private void SetRows(int[] stages, uint c4)
    {
        foreach (int k in stages)
        {
            _sse.SetRow(k, SseContexts.Row(_roles[k], c4, _state));
        }
    }

    /// <summary>Frees the native tables.</summary>
    public void Dispose()
    {
        foreach (ModelPart part in _parts)
        {
            part.Dispose();
        }

        _mixer.Dispose();
        _sse.Dispose();
        _state.History.Dispose();
    }
}
