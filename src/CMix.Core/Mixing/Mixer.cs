using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CMix.Memory;
using CMix.Numerics;

namespace CMix.Mixing;

/// <summary>
/// Two-layer gated linear mixer in the stretched domain. Layer 1 has several selectors; each
/// picks one weight set by its own small context and computes p_i = squash(Σ w·x). Layer 2
/// mixes the selectors' stretched outputs with one weight set per final selector, each chosen
/// by its own context; with several final selectors the output is squash of the mean of their
/// stretched outputs, and each learns from its own error. With a single layer-1 selector there
/// is no layer 2: its output is the mixer's.
/// Training is online gradient descent on coding cost: w += lr · err · x.
/// </summary>
/// <remarks>
/// <para>
/// Learning rates: by default every layer-1 set learns at one rate that decays with the bits
/// coded, and layer 2 at a constant one. With per-set rates each
/// weight set also counts its own updates, and a set met few times learns faster:
/// layer 1 at (4 + 24·2^20/(2^20 + t) + 64·16/(16 + n)) / 16 and layer 2 at
/// (16 + 64·16/(16 + n)) / 16, in units of the default's 1.0, where t is the bits coded and n the
/// set's own updates (saturating at 65,535). Most of level 9's 65,536-set selectors' sets are met
/// a few times each: a rate for the set, not for the stream, lets those learn while the busy ones
/// settle to a fifth of the default's floor (4 sixteenths against 20).
/// </para>
/// <para>
/// Call order per bit: <see cref="Add"/> every input (stretched, ±2047), <see cref="Select(int)"/>
/// once per selector (in the order given at construction; or all at once through <see cref="ChosenSets"/>), <see cref="SelectFinal(int)"/> once per
/// final selector (likewise), then <see cref="P"/>; after the bit, <see cref="Update"/>. Weights are int16 with 1.0 = 8192 (so
/// Σ w·x is shifted right 13); dot product and training go through a <see cref="MixerKernel"/>.
/// Memory: 2 bytes × padded inputs × total weight sets, plus layer 2 (and 2 bytes a set for
/// per-set rates' counts).
/// </para>
/// </remarks>
public sealed unsafe partial class Mixer : IDisposable
{
    /// <summary>Input and weight vectors are padded to this many lanes (one AVX2 vector of int16).</summary>
    public const int Align = 16;

    private readonly MixerKernel _kernel;
    private readonly int _n;           // padded input count
    private readonly int[] _setBase;   // first weight set of each selector
    private readonly int[] _setCount;
    private readonly int _selectors;
    private readonly int _n2;          // padded layer-2 input count
    private readonly int[] _finalBase; // first layer-2 weight set of each final selector
    private readonly int[] _finalCount;
    private readonly int _finals;
    private readonly int _lr2;  // layer-2 error multiplier in quarter units

    private readonly List<NativeBlock> _blocks = [];  // owns every array below
    private short* _x;
    private short* _w;
    private readonly nuint _wBytes;
    private short* _x2;
    private short* _w2;
    private readonly int[] _chosen;    // chosen layer-1 set of each selector, then layer-2 set of each final selector
    // Selectors whose weight sets are filled at first use (their sets take LazyBytes or more),
    // so a small input costs only the sets it meets; null when no selector is that large.
    private readonly bool[] _lazy;
    private readonly byte[]? _ready;   // per layer-1 set: 1 once filled
    private readonly short _w0;        // a layer-1 set's starting weight on its used lanes
    private readonly int _used;        // lanes with inputs (the padding stays 0)

    /// <summary>Bytes of weights from which a selector's sets are filled at first use rather than up front.</summary>
    private const long LazyBytes = 16L << 20;
    private readonly int[] _pr;
    private short** _sets;     // the chosen weight set of each selector, for the kernel
    private int* _scratch;     // per-selector dot products, then errors
    private int _lastNx;       // inputs added on the previous bit (lanes beyond it are zero)
    private int _nx;
    private int _nsel;
    private readonly int[] _prFinal;   // each final selector's 12-bit output
    private int _nfinal;
    private long _updates;
    private int _lr4;
    private readonly int _lrMin4 = 5;
    private readonly int _lrExtra4 = 6;

    // Per-set rates, in sixteenths (see the remarks); null without them.
    private const int SetRateFloor16 = 4;
    private const int SetRateDecay16 = 24;
    private const int SetRateBoost16 = 64;
    private const int SetRateHalf = 16;
    private const int FinalRate16 = 16;
    private readonly ushort[]? _setUpdates;
    private readonly ushort[]? _finalUpdates;
    private int _lr16;

    /// <param name="inputs">maximum inputs added per bit</param>
    /// <param name="setsPerSelector">number of weight sets of each layer-1 selector</param>
    /// <param name="finalSets">number of layer-2 weight sets (one final selector)</param>
    /// <param name="kernel">kernel override; null uses <see cref="MixerKernels.Current"/></param>
    public Mixer(int inputs, int[] setsPerSelector, int finalSets, MixerKernel? kernel = null)
        : this(inputs, setsPerSelector, [finalSets], kernel)
    {
    }

    /// <param name="inputs">maximum inputs added per bit</param>
    /// <param name="setsPerSelector">number of weight sets of each layer-1 selector</param>
    /// <param name="setsPerFinalSelector">number of layer-2 weight sets of each final selector</param>
    /// <param name="kernel">kernel override; null uses <see cref="MixerKernels.Current"/></param>
    /// <param name="setRates">whether each weight set's rate also follows its own update count (see the remarks)</param>
    public Mixer(int inputs, int[] setsPerSelector, int[] setsPerFinalSelector, MixerKernel? kernel = null, bool setRates = false)
    {
        Debug.Assert(inputs > 0 && setsPerSelector.Length > 0 && setsPerFinalSelector.Length > 0);
        _kernel = kernel ?? MixerKernels.Current;
        _n = (inputs + Align - 1) / Align * Align;
        _selectors = setsPerSelector.Length;
        _setBase = new int[_selectors];
        _setCount = (int[])setsPerSelector.Clone();
        int total = 0;
        for (int i = 0; i < _selectors; i++)
        {
            _setBase[i] = total;
            total += setsPerSelector[i];
        }

        _n2 = (_selectors + Align - 1) / Align * Align;
        _finals = setsPerFinalSelector.Length;
        _finalBase = new int[_finals];
        _finalCount = (int[])setsPerFinalSelector.Clone();
        int finalSets = 0;
        for (int i = 0; i < _finals; i++)
        {
            Debug.Assert(setsPerFinalSelector[i] > 0);
            _finalBase[i] = finalSets;
            finalSets += setsPerFinalSelector[i];
        }

        _prFinal = new int[_finals];
        _lr2 = 4;
        _chosen = new int[_selectors + _finals];
        _pr = new int[_selectors];

        if (setRates)
        {
            _setUpdates = new ushort[total];
            _finalUpdates = new ushort[finalSets];
        }

        _x = Alloc(_n);
        // Layer 1's weights: megabytes where a selector has 65,536 sets, met at random, so on huge
        // pages (LargeTable) to spare a TLB miss per set chosen.
        _wBytes = (nuint)((long)_n * total * sizeof(short));
        _w = (short*)Own(_wBytes);
        _x2 = Alloc(_n2);
        _sets = (short**)Own((nuint)(_selectors * sizeof(short*)));
        _scratch = (int*)Own((nuint)(_selectors * sizeof(int)));
        _w2 = Alloc((long)_n2 * finalSets);

        // Layer 1 starts as a plain average of its inputs' evidence; layer 2 as the mean of the selectors.
        short w0 = (short)Math.Min(16384, 8192 * 4 / inputs + 1);
        _w0 = w0;
        _used = inputs;
        _lazy = new bool[_selectors];
        bool anyLazy = false;
        for (int i = 0; i < _selectors; i++)
        {
            _lazy[i] = (long)setsPerSelector[i] * _n * sizeof(short) >= LazyBytes;
            anyLazy |= _lazy[i];
            if (!_lazy[i])
            {
                FillSets(_w + (long)_setBase[i] * _n, _n, setsPerSelector[i], inputs, w0);
            }
        }

        _ready = anyLazy ? new byte[total] : null;
        FillSets(_w2, _n2, finalSets, _selectors, (short)(65536 / 8 / _selectors));
    }

    /// <summary>Fills layer-1 set <paramref name="set"/> as the constructor fills the others (a lazy selector's set, at its first use).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FillSet(int set)
    {
        new Span<short>(_w + (long)set * _n, _used).Fill(_w0);
        _ready![set] = 1;
    }

    /// <summary>Sets each of <paramref name="sets"/> weight sets of <paramref name="n"/> lanes to <paramref name="w"/> on its first <paramref name="used"/> lanes (the padding stays 0).</summary>
    private static void FillSets(short* weights, int n, int sets, int used, short w)
    {
        var table = new Span<short>(weights, checked(n * sets));
        table[..used].Fill(w);
        Rows.Replicate(table, n);
    }

    private short* Alloc(long count) => (short*)Own((nuint)(count * sizeof(short)));

    /// <summary>A zeroed, 64-byte aligned block of <paramref name="bytes"/> that this mixer owns.</summary>
    private byte* Own(nuint bytes)
    {
        NativeBlock block = LargeTable.Alloc(bytes);
        _blocks.Add(block);
        return block.Pointer;
    }

    /// <summary>Bytes of weights a mixer of this shape allocates (layers 1 and 2, padded as the constructor pads them, and the update counts of per-set rates).</summary>
    public static long WeightBytes(int inputs, int[] setsPerSelector, int[] setsPerFinalSelector, bool setRates = false)
    {
        // A plain loop, not LINQ's Sum: the self-extracting stub links this (through the memory
        // estimate), and LINQ would cost it kilobytes.
        long sets = 0;
        foreach (int count in setsPerSelector)
        {
            sets += count;
        }

        long finalSets = 0;
        foreach (int count in setsPerFinalSelector)
        {
            finalSets += count;
        }

        long n = (inputs + Align - 1) / Align * Align;
        long n2 = (setsPerSelector.Length + Align - 1) / Align * Align;
        return sizeof(short) * ((n * sets) + (n2 * finalSets) + (setRates ? sets + finalSets : 0));
    }

    /// <summary>The kernel this mixer runs on.</summary>
    public MixerKernel Kernel => _kernel;

    /// <summary>Input <paramref name="i"/> added since the last <see cref="Update"/> (for tests of the models that add them).</summary>
    internal short InputAt(int i)
    {
        Debug.Assert((uint)i < (uint)_nx);
        return _x[i];
    }

    /// <summary>Adds one input in the stretched domain.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int st)
    {
        Debug.Assert(_nx < _n);
        Debug.Assert(st >= -2047 && st <= 2047);
        _x[_nx++] = (short)st;
    }

    /// <summary>
    /// Reserves <paramref name="count"/> input lanes and returns where to write them (stretched,
    /// ±2047): the bulk form of <see cref="Add"/> for models with many inputs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public short* Reserve(int count)
    {
        Debug.Assert(_nx + count <= _n);
        short* p = _x + _nx;
        _nx += count;
        return p;
    }

    /// <summary>
    /// Sets the last <paramref name="count"/> inputs added since the last <see cref="Update"/> to 0,
    /// so they neither vote nor train their weights: how the cost analysis removes a part's
    /// inputs (Models/MutedInputs). Never called by a level's own parts.
    /// </summary>
    internal void ClearLast(int count)
    {
        Debug.Assert(count >= 0 && count <= _nx);
        new Span<short>(_x + _nx - count, count).Clear();
    }

    /// <summary>Returns the mixed 12-bit probability that the next bit is 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int P()
    {
        Debug.Assert(_nsel == _selectors && _nfinal == _finals);
#if DEBUG
        for (int i = 0; i < _nx; i++)
        {
            Debug.Assert(_x[i] >= -2047 && _x[i] <= 2047, "mixer input outside the stretched domain");
        }
#endif
        // Models add the same inputs every bit, so the padding lanes stay zero; clear only what a
        // shorter bit left behind.
        for (int i = _nx; i < _lastNx; i++)
        {
            _x[i] = 0;
        }

        _lastNx = _nx;
        short** sets = _sets;
        int* dots = _scratch;
        for (int i = 0; i < _selectors; i++)
        {
            sets[i] = _w + (long)_chosen[i] * _n;
        }

        if (_selectors == 1)
        {
            // One selector: a single-layer mixer, its output is the answer (the plain dot product
            // is the same arithmetic as the fused one, without its per-call set-up).
            // There is no layer 2 to feed, so _x2 is left alone.
            int st1 = Math.Clamp(_kernel.DotProduct(_x, sets[0], _n) >> 5, -2047, 2047);
            _prFinal[0] = _pr[0] = Squash.P(st1);
            return _pr[0];
        }

        _kernel.DotProducts(_x, sets, _selectors, _n, dots);
        for (int i = 0; i < _selectors; i++)
        {
            int st = Math.Clamp(dots[i] >> 5, -2047, 2047);
            _x2[i] = (short)st;
            _pr[i] = Squash.P(st);
        }

        if (_finals == 1)
        {
            int dot2 = _kernel.DotProduct(_x2, _w2 + (long)_chosen[_selectors] * _n2, _n2) >> 5;
            _prFinal[0] = Squash.P(Math.Clamp(dot2, -2047, 2047));
            return _prFinal[0];
        }

        // Several final selectors: the mean of their stretched outputs (C# division truncates
        // toward zero, the same on every kernel, since it runs here and not in one).
        int sum = 0;
        for (int k = 0; k < _finals; k++)
        {
            int st = Math.Clamp(_kernel.DotProduct(_x2, _w2 + (long)_chosen[_selectors + k] * _n2, _n2) >> 5, -2047, 2047);
            _prFinal[k] = Squash.P(st);
            sum += st;
        }

        return Squash.P(sum / _finals);
    }

    /// <summary>Trains every selected weight set toward bit <paramref name="y"/> and clears the inputs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Update(int y)
    {
        // Learning rate in quarter units, decaying from _lrMin4 + _lrExtra4 toward _lrMin4 over the
        // first few million bits; recomputed every 1024 bits to keep the division off the bit path.
        if ((_updates & 1023) == 0)
        {
            _lr4 = _lrMin4 + (int)((long)_lrExtra4 * (1 << 20) / ((1 << 20) + _updates));
            if (_setUpdates is not null)
            {
                _lr16 = SetRateFloor16 + (int)((long)SetRateDecay16 * (1 << 20) / ((1 << 20) + _updates));
            }
        }

        _updates = Math.Min(_updates + 1, 1L << 40);
        int lr4 = _lr4;
        // Each selector owns its own range of weight sets, so the chosen sets never overlap.
        // P filled _sets with the chosen weight sets; _scratch now carries the errors.
        short** sets = _sets;
        int* errs = _scratch;
        if (_setUpdates is null)
        {
            for (int i = 0; i < _selectors; i++)
            {
                errs[i] = (((y << 12) - _pr[i]) * lr4) >> 2;
            }
        }
        else
        {
            SetErrors(y, errs);
        }

        if (_selectors == 1)
        {
            _kernel.Train(_x, sets[0], _n, errs[0]);
        }
        else
        {
            _kernel.TrainMany(_x, sets, errs, _selectors, _n);

            // Each final selector learns from its own output's error, as the layer-1 sets do.
            for (int k = 0; k < _finals; k++)
            {
                int err2 = _finalUpdates is null
                    ? (((y << 12) - _prFinal[k]) * _lr2) >> 2
                    : (((y << 12) - _prFinal[k]) * (FinalRate16 + SetBoost(_finalUpdates, _chosen[_selectors + k]))) >> 4;
                _kernel.Train(_x2, _w2 + (long)_chosen[_selectors + k] * _n2, _n2, err2);
            }
        }

        _nx = 0;
        _nsel = 0;
        _nfinal = 0;
    }

    /// <summary>Layer 1's errors with per-set rates (see the remarks), each counting its set's update.</summary>
    private void SetErrors(int y, int* errs)
    {
        ushort[] updates = _setUpdates!;
        int lr16 = _lr16;
        for (int i = 0; i < _selectors; i++)
        {
            errs[i] = (((y << 12) - _pr[i]) * (lr16 + SetBoost(updates, _chosen[i]))) >> 4;
            Debug.Assert(Math.Abs(errs[i]) <= 32767, "the kernels take the error as an int16");
        }
    }

    /// <summary>The extra rate of weight set <paramref name="set"/>, in sixteenths, from its update count, which it then advances.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SetBoost(ushort[] updates, int set)
    {
        int n = updates[set];
        updates[set] = (ushort)Math.Min(n + 1, ushort.MaxValue);
        return SetRateBoost16 * SetRateHalf / (SetRateHalf + n);
    }

    /// <summary>Frees the native weight arrays; the mixer must not be used after.</summary>
    public void Dispose()
    {
        _x = _w = _x2 = _w2 = null;
        _sets = null;
        _scratch = null;
        foreach (NativeBlock block in _blocks)
        {
            block.Dispose();
        }
    }
}
