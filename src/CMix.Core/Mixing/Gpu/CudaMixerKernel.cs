using System.Diagnostics;

namespace CMix.Mixing.Gpu;

/// <summary>
/// A <see cref="MixerKernel"/> that runs every dot product and every training step on the GPU,
/// one vector per call (<c>cmix_cuda_dot</c> / <c>cmix_cuda_train_one</c>). It exists to prove
/// that an archive made with the GPU equals the CPU one byte for byte and decodes on the CPU
/// (and the reverse): pass it to the predictor or to
/// <c>Compressor.Compress</c>/<c>Decompress</c> as the kernel override.
/// </summary>
/// <remarks>
/// <para><b>For equality, not speed.</b> Each call copies x and w to the device, launches one
/// warp, copies the result back and waits: one synchronous PCIe round trip (~20–30 µs on an
/// H100) where the CPU needs ~0.1 µs. The predictor makes 5 dot products and 5 training steps
/// per coded bit, so expect a few hundred µs per bit (see docs/CUDA.md for the measured
/// figure), i.e. tens of seconds per 100 KB. Use it on small inputs.</para>
/// <para>Thread-safe: calls are serialised by a lock over one native scratch mixer, which
/// grows when a longer vector arrives. Dispose it to free the GPU memory; a disposed kernel
/// throws <see cref="ObjectDisposedException"/>. Library failures throw
/// <see cref="CudaUnavailableException"/> (or <see cref="ArgumentException"/> for a bad n).</para>
/// </remarks>
public sealed unsafe class CudaMixerKernel : MixerKernel, IDisposable
{
    private readonly Lock _lock = new();
    private CudaMixerHandle _handle;
    private int _capacity;
    private long _dots;
    private long _trains;
    private bool _disposed;

    private CudaMixerKernel(CudaMixerHandle handle, int capacity, string device)
    {
        _handle = handle;
        _capacity = capacity;
        Name = "CUDA single-vector (" + device + ")";
    }

    /// <summary>Creates the kernel on <see cref="CudaMixer.DefaultDevice"/>.</summary>
    /// <param name="capacity">initial longest vector (a multiple of 16); it grows on demand</param>
    /// <exception cref="CudaUnavailableException">the CUDA mixer is unavailable (message: why) or the library failed</exception>
    public static CudaMixerKernel Create(int capacity = 1024)
    {
        CudaStatus status = CudaMixer.Status;
        if (!status.Available)
        {
            throw new CudaUnavailableException("the CUDA mixer is unavailable: " + status.Reason);
        }

        capacity = RoundUp(Math.Max(capacity, Mixer.Align));
        return new CudaMixerKernel(CudaMixer.CreateHandle(1, capacity, 1), capacity, status.Device ?? "CUDA");
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <summary>Dot products computed on the GPU so far.</summary>
    public long DotCalls => Interlocked.Read(ref _dots);

    /// <summary>Training steps computed on the GPU so far.</summary>
    public long TrainCalls => Interlocked.Read(ref _trains);

    /// <inheritdoc/>
    public override int DotProduct(short* x, short* w, int n)
    {
        int dot;
        lock (_lock)
        {
            Ensure(n);
            CudaNative.Check(CudaNative.Dot(_handle, x, w, n, &dot));
            _dots++;
        }

        return dot;
    }

    /// <inheritdoc/>
    public override void Train(short* x, short* w, int n, int err)
    {
        lock (_lock)
        {
            Ensure(n);
            CudaNative.Check(CudaNative.TrainOne(_handle, x, w, n, err));
            _trains++;
        }
    }

    /// <summary>Frees the GPU scratch mixer.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _handle.Dispose();
        }
    }

    private void Ensure(int n)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Debug.Assert(n > 0 && n % Mixer.Align == 0);
        if (n > _capacity)
        {
            int capacity = RoundUp(Math.Max(n, _capacity * 2));
            CudaMixerHandle bigger = CudaMixer.CreateHandle(1, capacity, 1);
            _handle.Dispose();
            _handle = bigger;
            _capacity = capacity;
        }
    }

    private static int RoundUp(int n) => (n + Mixer.Align - 1) / Mixer.Align * Mixer.Align;
}
