using System.Runtime.InteropServices;

namespace CMix.Mixing.Gpu;

/// <summary>
/// Entry point of the optional CUDA mixer: <see cref="Status"/> says whether it can be used
/// and why (for <c>cmix info</c>), <see cref="Create"/> makes a <see cref="CudaBatchedMixer"/>
/// or throws <see cref="CudaUnavailableException"/> with the reason (for <c>--gpu</c>).
/// </summary>
/// <remarks>
/// The status is computed once, on first use: load the library (<see cref="CudaLibrary"/>),
/// check its ABI version, find a device, then run a self-test that compares the GPU with
/// <see cref="BatchedMixer"/> on the scalar kernel over random batches. Any failure leaves the
/// CUDA mixer unavailable with the reason; nothing throws. Set <c>CMIX_CUDA_DISABLE=1</c> to
/// skip the probe; set <c>CMIX_CUDA_LIBRARY</c> to a library path to try it first.
/// </remarks>
public static class CudaMixer
{
    private static readonly Lazy<CudaStatus> s_status = new(() => Probe(CudaLibrary.DefaultCandidates()));

    /// <summary>The device index used by <see cref="Create"/>.</summary>
    public const int DefaultDevice = 0;

    /// <summary>Whether the CUDA mixer is usable here, and why (probed once per process).</summary>
    public static CudaStatus Status => s_status.Value;

    /// <summary>
    /// Creates a GPU batched mixer on <see cref="DefaultDevice"/>; weights start at zero.
    /// </summary>
    /// <exception cref="CudaUnavailableException">the CUDA mixer is unavailable (message: why) or the library failed</exception>
    public static CudaBatchedMixer Create(int lanes, int inputs, int sets)
    {
        CudaStatus status = Status;
        if (!status.Available)
        {
            throw new CudaUnavailableException("the CUDA mixer is unavailable: " + status.Reason);
        }

        return CreateUnchecked(lanes, inputs, sets, status.Device ?? "CUDA");
    }

    /// <summary>
    /// Probes the given library candidates without touching <see cref="Status"/>: load, bind,
    /// ABI check, device, self-test. Never throws. Used by <see cref="Status"/> and by tests.
    /// </summary>
    public static CudaStatus Probe(IEnumerable<string> candidates)
    {
        var trace = new List<string>();
        if (Environment.GetEnvironmentVariable("CMIX_CUDA_DISABLE") is "1" or "true")
        {
            return new CudaStatus(false, "disabled by CMIX_CUDA_DISABLE", null, null, null, trace);
        }

        nint handle = CudaLibrary.TryLoad(candidates, trace, out string? path);
        if (handle == 0 || path is null)
        {
            return new CudaStatus(false, $"{CudaLibrary.FileName} not found or not loadable; build it with native/cuda/build.sh "
                + "and put it beside the cmix binary or set CMIX_CUDA_LIBRARY", null, null, null, trace);
        }

        string? bindError = CudaLibrary.Bind(handle, path);
        if (bindError is not null)
        {
            return new CudaStatus(false, bindError, null, path, null, trace);
        }

        int abi;
        try
        {
            abi = CudaNative.AbiVersionOf();
        }
        catch (EntryPointNotFoundException e)
        {
            return new CudaStatus(false, $"{path} is not a CMix CUDA library: {e.Message}", null, path, null, trace);
        }

        if (abi != CudaNative.AbiVersion)
        {
            return new CudaStatus(false, $"{path} has ABI version {abi}; this build needs {CudaNative.AbiVersion} (rebuild native/cuda)", null, path, abi, trace);
        }

        try
        {
            int count = CudaNative.DeviceCount();
            if (count <= 0)
            {
                return new CudaStatus(false, "no usable CUDA device: " + CudaNative.LastError(), null, path, abi, trace);
            }

            string device = DeviceName(DefaultDevice);
            string? failure = SelfTest(device);
            return failure is null
                ? new CudaStatus(true, $"{device}, self-test against the scalar kernel passed", device, path, abi, trace)
                : new CudaStatus(false, $"self-test against the scalar kernel failed on {device}: {failure}", device, path, abi, trace);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or CudaUnavailableException or ArgumentException or InvalidOperationException)
        {
            return new CudaStatus(false, $"{path}: {e.Message}", null, path, abi, trace);
        }
    }

    private static CudaBatchedMixer CreateUnchecked(int lanes, int inputs, int sets, string device)
        => new(CreateHandle(lanes, inputs, sets), device, lanes, inputs, sets);

    /// <summary>Creates a native mixer on <see cref="DefaultDevice"/> (the library must be bound).</summary>
    internal static CudaMixerHandle CreateHandle(int lanes, int inputs, int sets)
    {
        CudaMixerHandle handle = CudaNative.Create(DefaultDevice, lanes, inputs, sets);
        if (handle.IsInvalid)
        {
            string why = CudaNative.LastError();
            handle.Dispose();
            throw new CudaUnavailableException($"cmix_cuda_create({lanes} lanes, {inputs} inputs, {sets} sets) failed: {why}");
        }

        return handle;
    }

    private static unsafe string DeviceName(int device)
    {
        byte* buf = stackalloc byte[256];
        int rc = CudaNative.DeviceName(device, buf, 256);
        if (rc != 0)
        {
            throw new CudaUnavailableException("cannot read the device name: " + CudaNative.LastError());
        }

        buf[255] = 0;
        return Marshal.PtrToStringUTF8((nint)buf) ?? "CUDA device";
    }

    // Shapes cover one lane, odd lane counts (partial blocks), several sets and a wide mixer.
    private static string? SelfTest(string device)
    {
        (int Lanes, int Inputs, int Sets, int Steps)[] shapes = [(1, 16, 1, 4), (37, 64, 3, 8), (5, 2048, 2, 4), (300, 32, 4, 6)];
        foreach (var (lanes, inputs, sets, steps) in shapes)
        {
            using var cpu = new BatchedMixer(lanes, inputs, sets, ScalarMixerKernel.Instance);
            using var gpu = CreateUnchecked(lanes, inputs, sets, device);
            string? mismatch = BatchedMixerConformance.Compare(cpu, gpu, seed: (ulong)(lanes * 7919 + inputs), steps);
            if (mismatch is not null)
            {
                return mismatch;
            }
        }

        return null;
    }
}
