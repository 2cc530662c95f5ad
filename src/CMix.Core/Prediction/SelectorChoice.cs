using System.Diagnostics;
using System.Runtime.CompilerServices;
using CMix.Mixing;
using CMix.Models;

namespace CMix.Prediction;

/// <summary>
/// Chooses the weight set of every selector of a level's two mixer layers for each bit. Most
/// selectors' contexts are a byte part or'd with c0 or the bit position (<see cref="Selectors.Form"/>):
/// their byte parts (with the selector's first weight set added) are computed once a byte by
/// <see cref="BeginByte"/>, so a bit costs each of them two masks and two adds, written straight
/// into the mixer's chosen sets; only the selectors that read the match or context model's per-bit
/// state are computed every bit.
/// </summary>
/// <remarks>Call order: <see cref="BeginByte"/> once the byte's text state and history are known (and once at the start), then <see cref="Choose"/> every bit.</remarks>
internal sealed class SelectorChoice
{
    private readonly Selector[] _selectors;  // layer 1, then layer 2 (the mixer's order in ChosenSets)
    private readonly int[] _base;    // each selector's first weight set in the mixer
    private readonly int[] _rows;    // the base + the byte part (the base alone for per-bit selectors)
    private readonly int[] _c0Mask;
    private readonly int[] _bitMask;
    private readonly int[] _perBit;  // indices of the per-bit selectors
    private readonly int[] _rowed;   // and of the others

    /// <param name="layer1">the layer-1 selectors</param>
    /// <param name="layer2">the final selectors</param>
    /// <param name="mixer">the mixer they choose weight sets of (built with these selectors' set counts)</param>
    public SelectorChoice(Selector[] layer1, Selector[] layer2, Mixer mixer)
    {
        _selectors = [.. layer1, .. layer2];
        int n = _selectors.Length;
        Debug.Assert(mixer.ChosenSets.Length == n);
        _base = new int[n];
        _rows = new int[n];
        _c0Mask = new int[n];
        _bitMask = new int[n];
        var perBit = new List<int>();
        var rowed = new List<int>();
        for (int k = 0; k < n; k++)
        {
            (int c0Mask, int bitMask, bool isPerBit) = Selectors.Form(_selectors[k]);
            _c0Mask[k] = c0Mask;
            _bitMask[k] = bitMask;
            _base[k] = _rows[k] = mixer.SetBase(k);
            (isPerBit ? perBit : rowed).Add(k);
        }

        _perBit = [.. perBit];
        _rowed = [.. rowed];
    }

    private SelectorChoice(SelectorChoice source)
    {
        _selectors = source._selectors;  // never written after construction: shared
        _base = source._base;
        _rows = (int[])source._rows.Clone();
        _c0Mask = source._c0Mask;
        _bitMask = source._bitMask;
        _perBit = source._perBit;
        _rowed = source._rowed;
    }

    /// <summary>A copy of this choice (<see cref="Predictor.Clone"/>).</summary>
    public SelectorChoice Clone() => new(this);

    /// <summary>Computes the byte parts for the coming byte, after the bytes of <paramref name="s"/>'s history with its text state.</summary>
    public void BeginByte(CodingState s)
    {
        uint c4 = s.History.C4;
        foreach (int k in _rowed)
        {
            _rows[k] = _base[k] + Selectors.Row(_selectors[k], c4, s);
        }
    }

    /// <summary>Chooses every selector's weight set in <paramref name="mixer"/> for the coming bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Choose(Mixer mixer, CodingState s)
    {
        int c0 = s.C0, bitPos = s.BitPos;
        Span<int> sets = mixer.ChosenSets;
        int[] rows = _rows, c0Mask = _c0Mask, bitMask = _bitMask;
        Debug.Assert(sets.Length == rows.Length && c0Mask.Length == rows.Length && bitMask.Length == rows.Length);
        // A row's bits under its masks are zero (Selectors.Row), so + is the | of the context;
        // a per-bit selector's masks are 0 and its row is its base, overwritten below.
        for (int k = 0; k < rows.Length; k++)
        {
            sets[k] = rows[k] + (c0 & c0Mask[k]) + (bitPos & bitMask[k]);
        }

        uint c4 = s.History.C4;
        foreach (int k in _perBit)
        {
            sets[k] = _base[k] + Selectors.PerBitContext(_selectors[k], c0, bitPos, c4, s);
        }

        mixer.CommitSets();
    }
}
