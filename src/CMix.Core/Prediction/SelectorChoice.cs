using System.Diagnostics;
using System.Runtime.CompilerServices;
using CMix.Mixing;
using CMix.Models;

namespace CMix.Prediction;

/// <summary>
/// Chooses the weight set of every selector of a level's two mixer layers for each bit. Most
/// selectors' contexts are a byte part or'd with c0 or the bit position (<see cref="Selectors.Form"/>):
/// their byte parts are computed once a byte by <see cref="BeginByte"/>, so a bit costs each of
/// them two masks and two ors; only the selectors that read the match or context model's per-bit
/// state are computed every bit.
/// </summary>
/// <remarks>Call order: <see cref="BeginByte"/> once the byte's text state and history are known (and once at the start), then <see cref="Choose"/> every bit.</remarks>
internal sealed class SelectorChoice
{
    private readonly Selector[] _selectors;  // layer 1, then layer 2
    private readonly int _layer1;
    private readonly int[] _rows;
    private readonly int[] _c0Mask;
    private readonly int[] _bitMask;
    private readonly int[] _perBit;  // indices of the per-bit selectors
    private readonly int[] _rowed;   // and of the others
    private readonly int[] _contexts;

    public SelectorChoice(Selector[] layer1, Selector[] layer2)
    {
        _selectors = [.. layer1, .. layer2];
        _layer1 = layer1.Length;
        int n = _selectors.Length;
        _rows = new int[n];
        _c0Mask = new int[n];
        _bitMask = new int[n];
        _contexts = new int[n];
        var perBit = new List<int>();
        var rowed = new List<int>();
        for (int k = 0; k < n; k++)
        {
            (int c0Mask, int bitMask, bool isPerBit) = Selectors.Form(_selectors[k]);
            _c0Mask[k] = c0Mask;
            _bitMask[k] = bitMask;
            (isPerBit ? perBit : rowed).Add(k);
        }

        _perBit = [.. perBit];
        _rowed = [.. rowed];
    }

    private SelectorChoice(SelectorChoice source)
    {
        _selectors = source._selectors;  // never written after construction: shared
        _layer1 = source._layer1;
        _rows = (int[])source._rows.Clone();
        _c0Mask = source._c0Mask;
        _bitMask = source._bitMask;
        _perBit = source._perBit;
        _rowed = source._rowed;
        _contexts = (int[])source._contexts.Clone();
    }

    /// <summary>A copy of this choice (<see cref="Predictor.Clone"/>).</summary>
    public SelectorChoice Clone() => new(this);

    /// <summary>Computes the byte parts for the coming byte, after the bytes of <paramref name="s"/>'s history with its text state.</summary>
    public void BeginByte(CodingState s)
    {
        uint c4 = s.History.C4;
        foreach (int k in _rowed)
        {
            _rows[k] = Selectors.Row(_selectors[k], c4, s);
        }
    }

    /// <summary>Chooses every selector's weight set in <paramref name="mixer"/> for the coming bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Choose(Mixer mixer, CodingState s)
    {
        int c0 = s.C0, bitPos = s.BitPos;
        int[] rows = _rows, c0Mask = _c0Mask, bitMask = _bitMask, contexts = _contexts;
        Debug.Assert(rows.Length == contexts.Length && c0Mask.Length == contexts.Length && bitMask.Length == contexts.Length);
        for (int k = 0; k < contexts.Length; k++)
        {
            contexts[k] = rows[k] | (c0 & c0Mask[k]) | (bitPos & bitMask[k]);
        }

        foreach (int k in _perBit)
        {
            contexts[k] = Selectors.PerBitContext(_selectors[k], c0, bitPos, s.History.C4, s);
        }

        mixer.Select(contexts.AsSpan(0, _layer1));
        mixer.SelectFinal(contexts.AsSpan(_layer1));
    }
}
