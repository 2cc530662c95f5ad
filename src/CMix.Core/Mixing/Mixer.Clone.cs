using System.Diagnostics;
using System.Runtime.CompilerServices;
using CMix.Memory;

namespace CMix.Mixing;

/// <summary>Copies of a mixer and the restart of its rate schedule (the NCD matrix's tools; never used when coding).</summary>
public sealed unsafe partial class Mixer
{
    private Mixer(Mixer source)
    {
        _kernel = source._kernel;
        _n = source._n;
        _setBase = source._setBase;  // these arrays are never written after construction: shared
        _setCount = source._setCount;
        _selectors = source._selectors;
        _n2 = source._n2;
        _finalBase = source._finalBase;
        _finalCount = source._finalCount;
        _finals = source._finals;
        _lr2 = source._lr2;
        foreach (NativeBlock block in source._blocks)
        {
            _blocks.Add(LargeTable.Copy(block));
        }

        // The blocks in the order the constructor owns them: _x, _w, _x2, _sets, _scratch, _w2.
        _x = (short*)_blocks[0].Pointer;
        _w = (short*)_blocks[1].Pointer;
        _wBytes = source._wBytes;
        _x2 = (short*)_blocks[2].Pointer;
        _sets = (short**)_blocks[3].Pointer;  // still the source's sets: P sets them before any use
        _scratch = (int*)_blocks[4].Pointer;
        _w2 = (short*)_blocks[5].Pointer;
        Debug.Assert(_blocks.Count == 6);
        _chosen = (int[])source._chosen.Clone();
        _lazy = source._lazy;
        _ready = (byte[]?)source._ready?.Clone();
        _w0 = source._w0;
        _used = source._used;
        _pr = (int[])source._pr.Clone();
        _lastNx = source._lastNx;
        _nx = source._nx;
        _nsel = source._nsel;
        _prFinal = (int[])source._prFinal.Clone();
        _nfinal = source._nfinal;
        _updates = source._updates;
        _lr4 = source._lr4;
        _lrMin4 = source._lrMin4;
        _lrExtra4 = source._lrExtra4;
        _setUpdates = (ushort[]?)source._setUpdates?.Clone();
        _finalUpdates = (ushort[]?)source._finalUpdates?.Clone();
        _lr16 = source._lr16;
    }

    /// <summary>
    /// Restarts the learning-rate schedule, keeping the weights: the bit count (the next
    /// <see cref="Update"/> recomputes the rates from it) and, with per-set rates, every set's
    /// update count back to 0, so the mixer goes on learning at a fresh mixer's rates.
    /// </summary>
    internal void RestartRates()
    {
        _updates = 0;
        _setUpdates?.AsSpan().Clear();
        _finalUpdates?.AsSpan().Clear();
    }

    /// <summary>A copy of this mixer, weights, rates and all, in its own memory (<c>Predictor.Clone</c>).</summary>
    internal Mixer Clone() => new(this);
}
