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
public sealed partial class Predictor : IDisposable
{
    private readonly ModelSettings _settings;
    private readonly CodingState _state;
    private readonly ModelPart[] _parts;
    // Levels 1–8 have one shape: a context model, a match model and direct orders, in that order.
    // For it the per-bit calls go straight to the three (no loop over the parts, no type tests);
    // null for any other table, which goes through the loop.
    private readonly ContextModel? _cm;
    private readonly MatchModel? _match;
    private readonly DirectModel? _direct;
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

        (_cm, _match, _direct) = ThreePartShape(_parts);

        _mixer = new Mixer(settings.MixerInputs, settings.SelectorSets, settings.FinalSelectorSets, kernel, settings.MixerSetRates);
        _choice = new SelectorChoice(settings.Selectors, settings.FinalSelectors, _mixer);
        _choice.BeginByte(_state);
        _c2c1Selector = Array.IndexOf(settings.Selectors, Selector.C2C1);
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


    /// <summary>The parts as levels 1–8 have them (context, match, direct), or nulls for any other table.</summary>
    private static (ContextModel?, MatchModel?, DirectModel?) ThreePartShape(ModelPart[] parts) =>
        parts is [ContextModel cm, MatchModel match, DirectModel direct] ? (cm, match, direct) : (null, null, null);

    /// <summary>The settings this predictor was built from.</summary>
    public ModelSettings Settings => _settings;

    /// <summary>The mixer kernel in use.</summary>
    public MixerKernel Kernel => _mixer.Kernel;

    /// <summary>Probability that the next bit is 1, 16-bit in [1, 65535].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int P()
    {
        Mixer mixer = _mixer;
        if (_cm is { } cm)
        {
            cm.Mix(mixer);
            _match!.Mix(mixer);
            _direct!.Mix(mixer);
        }
        else
        {
            MixParts(mixer);
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

    /// <summary>Every part's inputs, in table order (any table but the three-part shape of levels 1–8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MixParts(Mixer mixer)
    {
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

        if (_cm is { } cm3)
        {
            cm3.Update(y);
            _match!.Update(y);
            _direct!.Update(y);
        }
        else
        {
            UpdateParts(y);
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
        if (_cm is { } cm)
        {
            _direct!.BeginByte();
            _match!.BeginByte();
            cm.BeginByte();
        }
        else
        {
            for (int i = _parts.Length - 1; i >= 0; i--)
            {
                _parts[i].BeginByte();
            }
        }

        // The rows of the stages keyed by words and classes are known only now.
        SetRows(_rowsAtByteStart, _state.History.C4);
    }

    /// <summary>Every part learns <paramref name="y"/>, in table order (any table but the three-part shape).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void UpdateParts(int y)
    {
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

        if (_cm is { } cm)
        {
            cm.OnByte();
            _match!.OnByte();
            _direct!.OnByte();
            cm.Prefetch();
            _match.Prefetch();
            _direct.Prefetch();
            return;
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
