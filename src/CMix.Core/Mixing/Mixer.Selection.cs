using System.Diagnostics;
using System.Runtime.CompilerServices;
using CMix.Memory;

namespace CMix.Mixing;

/// <summary>Choosing the weight sets of the coming bit: each selector's set, and the prefetch of one known early.</summary>
public sealed unsafe partial class Mixer
{
    /// <summary>
    /// Starts loading weight set <paramref name="cx"/> of selector <paramref name="selector"/>
    /// into cache: call it as soon as a coming bit's choice is known, well before that bit's
    /// <see cref="Select(int)"/>. A selector with 65,536 sets spreads over megabytes, so its chosen
    /// set is rarely cached when the dot product needs it.
    /// </summary>
    public void Prefetch(int selector, int cx)
    {
        Debug.Assert((uint)selector < (uint)_selectors && (uint)cx < (uint)_setCount[selector]);
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            byte* set = (byte*)(_w + (long)(_setBase[selector] + cx) * _n);
            byte* end = set + (_n * sizeof(short)) - 1;
            for (byte* line = set; line <= end; line += 64)
            {
                System.Runtime.Intrinsics.X86.Sse.Prefetch0(line);
            }

            System.Runtime.Intrinsics.X86.Sse.Prefetch0(end);
        }
    }

    /// <summary>Chooses the weight set of the next selector; cx in [0, sets of that selector).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Select(int cx)
    {
        Debug.Assert(_nsel < _selectors);
        Debug.Assert((uint)cx < (uint)_setCount[_nsel]);
        int set = _setBase[_nsel] + cx;
        if (_ready is not null && _lazy[_nsel] && _ready[set] == 0)
        {
            FillSet(set);
        }

        _chosen[_nsel] = set;
        _nsel++;
    }

    /// <summary>Chooses the layer-2 weight set of the next final selector; cx in [0, sets of that final selector).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SelectFinal(int cx)
    {
        Debug.Assert(_nfinal < _finals);
        Debug.Assert((uint)cx < (uint)_finalCount[_nfinal]);
        _chosen[_selectors + _nfinal] = _finalBase[_nfinal] + cx;
        _nfinal++;
    }

    /// <summary>First weight set of layer-1 selector <paramref name="selector"/>, or, past the layer-1 selectors, the layer-2 one of final selector <paramref name="selector"/> − selectors.</summary>
    internal int SetBase(int selector) => selector < _selectors ? _setBase[selector] : _finalBase[selector - _selectors];

    /// <summary>
    /// The chosen sets, for a caller that computes them itself: layer-1 selector i's set
    /// (<see cref="SetBase"/>(i) + its context) at i, then final selector k's at selectors + k.
    /// The caller writes every entry, then calls <see cref="CommitSets"/>; the same choice as
    /// <see cref="Select(int)"/> and <see cref="SelectFinal(int)"/> once per selector, without their per-call bookkeeping.
    /// </summary>
    internal Span<int> ChosenSets => _chosen;

    /// <summary>Takes the sets written into <see cref="ChosenSets"/> as this bit's choice.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void CommitSets()
    {
        Debug.Assert(_nsel == 0 && _nfinal == 0);
#if DEBUG
        for (int i = 0; i < _selectors; i++)
        {
            Debug.Assert(_chosen[i] >= _setBase[i] && _chosen[i] < _setBase[i] + _setCount[i]);
        }

        for (int k = 0; k < _finals; k++)
        {
            Debug.Assert(_chosen[_selectors + k] >= _finalBase[k] && _chosen[_selectors + k] < _finalBase[k] + _finalCount[k]);
        }
#endif
        if (_ready is not null)
        {
            FillChosen();
        }

        _nsel = _selectors;
        _nfinal = _finals;
    }

    /// <summary>Fills the chosen sets of lazy selectors met for the first time (see <see cref="FillSet"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FillChosen()
    {
        for (int i = 0; i < _selectors; i++)
        {
            int set = _chosen[i];
            if (_lazy[i] && _ready![set] == 0)
            {
                FillSet(set);
            }
        }
    }
}
