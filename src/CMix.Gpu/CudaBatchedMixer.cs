using CMix.Mixing;
using CMix.Mixing.Gpu;

namespace CMix.Gpu;

/// <summary>
/// <see cref="IBatchedMixer"/> on the GPU through <c>libcmixcuda</c>: weights stay on the
/// device; each call uploads inputs, selections and errors in one copy, runs one kernel and
/// downloads the dots. Results equal <see cref="BatchedMixer"/> with any kernel, bit for bit.
/// Create with <see cref="Create"/>.
/// </summary>
/// <remarks>Memory: 2 × Lanes × Sets × Inputs bytes of GPU memory plus two input buffers; one mixer per thread at a time.</remarks>
public sealed unsafe class CudaBatchedMixer : IBatchedMixer
{
    private static readonly Lock s_lock = new();
    private static string? s_selfTest; // null: not run yet; "": passed; else why it failed

    private readonly CudaMixerHandle _handle;

    private CudaBatchedMixer(CudaMixerHandle handle, string device, int lanes, int inputs, int sets)
    {
        _handle = handle;
        Name = "GPU " + device;
        Lanes = lanes;
        Inputs = inputs;
        Sets = sets;
    }

    /// <summary>
    /// Creates a GPU batched mixer on <see cref="CudaMixer.DefaultDevice"/>; weights start at zero.
    /// </summary>
    /// <remarks>
    /// Needs <see cref="CudaMixer.Status"/> available. The first call in a process also binds the
    /// batched entry points to the loaded library and runs a self-test of the batched kernel
    /// against <see cref="BatchedMixer"/> on <see cref="ScalarMixerKernel"/> (random batches of
    /// 4 shapes: one lane, odd lane counts, 2048 inputs, several sets, both call paths, in-place
    /// inputs); if that fails, this and every later call throw with the first difference.
    /// </remarks>
    /// <exception cref="CudaUnavailableException">the CUDA mixer is unavailable (message: why), the batched self-test failed, or the library failed</exception>
    public static CudaBatchedMixer Create(int lanes, int inputs, int sets)
    {
        CudaStatus status = CudaMixer.Status;
        if (!status.Available)
        {
            throw new CudaUnavailableException("the CUDA mixer is unavailable: " + status.Reason);
        }

        string device = status.Device ?? "CUDA";
        string failure = SelfTestOnce(device);
        if (failure.Length != 0)
        {
            throw new CudaUnavailableException($"the batched CUDA mixer is unavailable: {failure}");
        }

        return CreateUnchecked(lanes, inputs, sets, device);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int Lanes { get; }

    /// <inheritdoc/>
    public int Inputs { get; }

    /// <inheritdoc/>
    public int Sets { get; }

    /// <inheritdoc/>
    public Span<short> InputBuffer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            short* p = BatchedCudaNative.InputBuffer(_handle);
            return new Span<short>(p, Lanes * Inputs);
        }
    }

    private long WeightCount => (long)Lanes * Sets * Inputs;

    /// <inheritdoc/>
    public void SetWeights(ReadOnlySpan<short> weights)
    {
        BatchedMixer.CheckLength(weights.Length, WeightCount, nameof(weights));
        fixed (short* w = weights)
        {
            CudaNative.Check(BatchedCudaNative.SetWeights(_handle, w, WeightCount));
        }
    }

    /// <inheritdoc/>
    public void GetWeights(Span<short> weights)
    {
        BatchedMixer.CheckLength(weights.Length, WeightCount, nameof(weights));
        fixed (short* w = weights)
        {
            CudaNative.Check(BatchedCudaNative.GetWeights(_handle, w, WeightCount));
        }
    }

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<short> x, ReadOnlySpan<int> select, Span<int> dots)
    {
        CheckBatch(x, select, dots);
        fixed (short* xp = x)
        fixed (int* sp = select)
        fixed (int* dp = dots)
        {
            CudaNative.Check(BatchedCudaNative.Predict(_handle, xp, sp, dp));
        }
    }

    /// <inheritdoc/>
    public void Train(ReadOnlySpan<int> errors)
    {
        BatchedMixer.CheckLength(errors.Length, Lanes, nameof(errors));
        fixed (int* ep = errors)
        {
            CudaNative.Check(BatchedCudaNative.Train(_handle, ep));
        }
    }

    /// <inheritdoc/>
    public void TrainPredict(ReadOnlySpan<int> errors, ReadOnlySpan<short> x, ReadOnlySpan<int> select, Span<int> dots)
    {
        BatchedMixer.CheckLength(errors.Length, Lanes, nameof(errors));
        CheckBatch(x, select, dots);
        fixed (int* ep = errors)
        fixed (short* xp = x)
        fixed (int* sp = select)
        fixed (int* dp = dots)
        {
            CudaNative.Check(BatchedCudaNative.TrainPredict(_handle, ep, xp, sp, dp));
        }
    }

    /// <summary>Frees the GPU mixer.</summary>
    public void Dispose() => _handle.Dispose();

    private void CheckBatch(ReadOnlySpan<short> x, ReadOnlySpan<int> select, Span<int> dots)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        BatchedMixer.CheckLength(x.Length, (long)Lanes * Inputs, nameof(x));
        BatchedMixer.CheckLength(select.Length, Lanes, nameof(select));
        BatchedMixer.CheckLength(dots.Length, Lanes, nameof(dots));
    }

    private static CudaBatchedMixer CreateUnchecked(int lanes, int inputs, int sets, string device)
        => new(CudaMixer.CreateHandle(lanes, inputs, sets), device, lanes, inputs, sets);

    private static string SelfTestOnce(string device)
    {
        lock (s_lock)
        {
            return s_selfTest ??= SelfTest(device);
        }
    }

    // Shapes cover one lane, odd lane counts (partial blocks), several sets and a wide mixer.
    private static string SelfTest(string device)
    {
        string? resolverError = CudaLibrary.AddResolver(typeof(BatchedCudaNative).Assembly);
        if (resolverError is not null)
        {
            return resolverError;
        }

        try
        {
            (int Lanes, int Inputs, int Sets, int Steps)[] shapes = [(1, 16, 1, 4), (37, 64, 3, 8), (5, 2048, 2, 4), (300, 32, 4, 6)];
            foreach (var (lanes, inputs, sets, steps) in shapes)
            {
                using var cpu = new BatchedMixer(lanes, inputs, sets, ScalarMixerKernel.Instance);
                using var gpu = CreateUnchecked(lanes, inputs, sets, device);
                string? mismatch = BatchedMixerConformance.Compare(cpu, gpu, seed: (ulong)(lanes * 7919 + inputs), steps);
                if (mismatch is not null)
                {
                    return $"self-test against the scalar kernel failed on {device}: {mismatch}";
                }
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or CudaUnavailableException or ArgumentException or InvalidOperationException)
        {
            return $"self-test on {device}: {e.Message}";
        }

        return "";
    }
}
