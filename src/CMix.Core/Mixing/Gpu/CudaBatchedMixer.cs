namespace CMix.Mixing.Gpu;

/// <summary>
/// <see cref="IBatchedMixer"/> on the GPU through <c>libcmixcuda</c>: weights stay on the
/// device; each call uploads inputs, selections and errors in one copy, runs one kernel and
/// downloads the dots. Results equal <see cref="BatchedMixer"/> with any kernel, bit for bit.
/// Create with <see cref="CudaMixer.Create"/>.
/// </summary>
/// <remarks>Memory: 2 × Lanes × Sets × Inputs bytes of GPU memory plus two input buffers; one mixer per thread at a time.</remarks>
public sealed unsafe class CudaBatchedMixer : IBatchedMixer
{
    private readonly CudaMixerHandle _handle;

    internal CudaBatchedMixer(CudaMixerHandle handle, string device, int lanes, int inputs, int sets)
    {
        _handle = handle;
        Name = "GPU " + device;
        Lanes = lanes;
        Inputs = inputs;
        Sets = sets;
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
            short* p = CudaNative.InputBuffer(_handle);
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
            Check(CudaNative.SetWeights(_handle, w, WeightCount));
        }
    }

    /// <inheritdoc/>
    public void GetWeights(Span<short> weights)
    {
        BatchedMixer.CheckLength(weights.Length, WeightCount, nameof(weights));
        fixed (short* w = weights)
        {
            Check(CudaNative.GetWeights(_handle, w, WeightCount));
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
            Check(CudaNative.Predict(_handle, xp, sp, dp));
        }
    }

    /// <inheritdoc/>
    public void Train(ReadOnlySpan<int> errors)
    {
        BatchedMixer.CheckLength(errors.Length, Lanes, nameof(errors));
        fixed (int* ep = errors)
        {
            Check(CudaNative.Train(_handle, ep));
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
            Check(CudaNative.TrainPredict(_handle, ep, xp, sp, dp));
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

    /// <summary>Throws for a non-zero library return code, with the library's message.</summary>
    internal static void Check(int rc)
    {
        if (rc != 0)
        {
            string message = CudaNative.LastError();
            if (rc == -1)
            {
                throw new ArgumentException("libcmixcuda: " + message);
            }

            if (rc == -3)
            {
                throw new InvalidOperationException("libcmixcuda: " + message);
            }

            throw new CudaUnavailableException($"libcmixcuda error {rc}: {message}");
        }
    }
}
