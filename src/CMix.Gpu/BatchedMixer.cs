using System.Diagnostics;
using System.Runtime.InteropServices;
using CMix.Mixing;

namespace CMix.Gpu;

/// <summary>
/// The CPU implementation of <see cref="IBatchedMixer"/>: each lane runs a
/// <see cref="MixerKernel"/> (by default <see cref="MixerKernels.Current"/>), optionally with
/// lanes split across threads. It is the reference the CUDA mixer is tested and benchmarked
/// against; lanes are independent, so the thread count never changes a result.
/// </summary>
/// <remarks>Memory: 2 × Lanes × (Sets + 2) × Inputs bytes, 64-byte aligned.</remarks>
public sealed unsafe class BatchedMixer : IBatchedMixer
{
    private readonly MixerKernel _kernel;
    private readonly int _threads;
    private readonly int[] _select;
    private short* _w;
    private short* _x;     // inputs of the last Predict, which Train uses
    private short* _next;  // InputBuffer: the next Predict's inputs, swapped with _x by Predict
    private bool _pending;

    /// <param name="lanes">independent mixers (≥ 1)</param>
    /// <param name="inputs">inputs per lane, a positive multiple of <see cref="Mixer.Align"/></param>
    /// <param name="sets">weight sets per lane (≥ 1)</param>
    /// <param name="kernel">kernel; null uses <see cref="MixerKernels.Current"/></param>
    /// <param name="threads">threads to split lanes over (1 = the calling thread only)</param>
    public BatchedMixer(int lanes, int inputs, int sets, MixerKernel? kernel = null, int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, Mixer.Align);
        ArgumentOutOfRangeException.ThrowIfLessThan(sets, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (inputs % Mixer.Align != 0)
        {
            throw new ArgumentException($"inputs must be a multiple of {Mixer.Align}", nameof(inputs));
        }

        if ((long)lanes * sets * inputs >= int.MaxValue)
        {
            throw new ArgumentException("lanes × sets × inputs must be below 2^31");
        }

        Lanes = lanes;
        Inputs = inputs;
        Sets = sets;
        _kernel = kernel ?? MixerKernels.Current;
        _threads = Math.Min(threads, lanes);
        _select = new int[lanes];
        nuint wBytes = (nuint)((long)lanes * sets * inputs * sizeof(short));
        nuint xBytes = (nuint)((long)lanes * inputs * sizeof(short));
        _w = (short*)NativeMemory.AlignedAlloc(wBytes, 64);
        _x = (short*)NativeMemory.AlignedAlloc(xBytes, 64);
        _next = (short*)NativeMemory.AlignedAlloc(xBytes, 64);
        NativeMemory.Clear(_w, wBytes);
        NativeMemory.Clear(_x, xBytes);
        NativeMemory.Clear(_next, xBytes);
    }

    /// <inheritdoc/>
    public string Name => $"CPU {_kernel.Name} ×{_threads}";

    /// <inheritdoc/>
    public int Lanes { get; }

    /// <inheritdoc/>
    public int Inputs { get; }

    /// <inheritdoc/>
    public int Sets { get; }

    /// <inheritdoc/>
    public Span<short> InputBuffer => new(Live(_next), Lanes * Inputs);

    private long WeightCount => (long)Lanes * Sets * Inputs;

    /// <inheritdoc/>
    public void SetWeights(ReadOnlySpan<short> weights)
    {
        CheckLength(weights.Length, WeightCount, nameof(weights));
        weights.CopyTo(new Span<short>(Live(_w), (int)WeightCount));
    }

    /// <inheritdoc/>
    public void GetWeights(Span<short> weights)
    {
        CheckLength(weights.Length, WeightCount, nameof(weights));
        new ReadOnlySpan<short>(Live(_w), (int)WeightCount).CopyTo(weights);
    }

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<short> x, ReadOnlySpan<int> select, Span<int> dots)
    {
        CheckLength(x.Length, (long)Lanes * Inputs, nameof(x));
        CheckLength(dots.Length, Lanes, nameof(dots));
        CheckSelect(select);
        var next = new Span<short>(Live(_next), Lanes * Inputs);
        if (!x.Overlaps(next, out int offset) || offset != 0)
        {
            x.CopyTo(next);
        }

        short* last = _x;
        _x = _next;
        _next = last;
        select.CopyTo(_select);
        fixed (int* d = dots)
        {
            if (_threads == 1)
            {
                PredictRange(0, Lanes, d);
            }
            else
            {
                nint dp = (nint)d;
                Split((from, to) => PredictRange(from, to, (int*)dp));
            }
        }

        _pending = true;
    }

    /// <inheritdoc/>
    public void Train(ReadOnlySpan<int> errors)
    {
        CheckLength(errors.Length, Lanes, nameof(errors));
        if (!_pending)
        {
            throw new InvalidOperationException("Train needs a Predict since the last Train");
        }

        fixed (int* e = errors)
        {
            if (_threads == 1)
            {
                TrainRange(0, Lanes, e);
            }
            else
            {
                nint ep = (nint)e;
                Split((from, to) => TrainRange(from, to, (int*)ep));
            }
        }

        _pending = false;
    }

    /// <inheritdoc/>
    public void TrainPredict(ReadOnlySpan<int> errors, ReadOnlySpan<short> x, ReadOnlySpan<int> select, Span<int> dots)
    {
        Train(errors);
        Predict(x, select, dots);
    }

    /// <summary>Frees the native buffers.</summary>
    public void Dispose()
    {
        NativeMemory.AlignedFree(_w);
        NativeMemory.AlignedFree(_x);
        NativeMemory.AlignedFree(_next);
        _w = null;
        _x = null;
        _next = null;
    }

    private short* SetOf(int lane) => _w + ((long)lane * Sets + _select[lane]) * Inputs;

    private void PredictRange(int from, int to, int* dots)
    {
        for (int l = from; l < to; l++)
        {
            dots[l] = _kernel.DotProduct(_x + (long)l * Inputs, SetOf(l), Inputs);
        }
    }

    private void TrainRange(int from, int to, int* errors)
    {
        for (int l = from; l < to; l++)
        {
            Debug.Assert(errors[l] is >= -32767 and <= 32767);
            _kernel.Train(_x + (long)l * Inputs, SetOf(l), Inputs, errors[l]);
        }
    }

    private void Split(Action<int, int> body)
    {
        // Lanes are independent: the split changes the timing, never a value.
        int per = (Lanes + _threads - 1) / _threads;
        Parallel.For(0, _threads, t => body(t * per, Math.Min(Lanes, (t + 1) * per)));
    }

    private void CheckSelect(ReadOnlySpan<int> select)
    {
        CheckLength(select.Length, Lanes, nameof(select));
        for (int l = 0; l < select.Length; l++)
        {
            if ((uint)select[l] >= (uint)Sets)
            {
                throw new ArgumentOutOfRangeException(nameof(select), $"select[{l}] = {select[l]} is outside [0, {Sets})");
            }
        }
    }

    private short* Live(short* p)
    {
        ObjectDisposedException.ThrowIf(p == null, this);
        return p;
    }

    internal static void CheckLength(long actual, long expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has {actual} values; {expected} expected", name);
        }
    }
}
