using System.Runtime.InteropServices;

namespace CMix.Mixing.Gpu;

/// <summary>
/// Entry point of the optional CUDA mixer: <see cref="Status"/> says whether it can be used
/// and why (for <c>cmix info</c> and <c>--gpu</c>, which then creates a
/// <see cref="CudaMixerKernel"/>). The batched GPU mixer built on the same library lives in
/// the CMix.Gpu assembly (<c>CMix.Gpu.CudaBatchedMixer.Create</c>).
/// </summary>
/// <remarks>
/// The status is computed once, on first use: load the library (<see cref="CudaLibrary"/>),
/// check its ABI version, find a device, then run a self-test that compares the GPU's
/// single-vector dot product and training step (what <see cref="CudaMixerKernel"/> calls) with
/// <see cref="ScalarMixerKernel"/> on random vectors. Any failure leaves the CUDA mixer
/// unavailable with the reason; nothing throws. Set <c>CMIX_CUDA_DISABLE=1</c> to skip the
/// probe; set <c>CMIX_CUDA_LIBRARY</c> to a library path to try it first.
/// </remarks>
public static class CudaMixer
{
    private static readonly Lazy<CudaStatus> s_status = new(() => Probe(CudaLibrary.DefaultCandidates()));

    /// <summary>The device index every native mixer is created on (<see cref="CreateHandle"/>).</summary>
    public const int DefaultDevice = 0;

    /// <summary>Whether the CUDA mixer is usable here, and why (probed once per process).</summary>
    public static CudaStatus Status => s_status.Value;

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
            string? failure = SelfTest();
            return failure is null
                ? new CudaStatus(true, $"{device}, self-test against the scalar kernel passed", device, path, abi, trace)
                : new CudaStatus(false, $"self-test against the scalar kernel failed on {device}: {failure}", device, path, abi, trace);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or CudaUnavailableException or ArgumentException or InvalidOperationException)
        {
            return new CudaStatus(false, $"{path}: {e.Message}", null, path, abi, trace);
        }
    }

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

    // The single-vector path against the scalar kernel: the shortest vector, a middle one and a
    // wide one; weights start full-range and carry over the steps (so saturation is reached),
    // inputs are full-range on even steps (else ±2047 as models give), errors include ±32767 and 0.
    private static unsafe string? SelfTest()
    {
        const int Widest = 2048;
        using CudaMixerHandle scratch = CreateHandle(1, Widest, 1);
        ulong state = 0x9E3779B97F4A7C15UL;
        var x = new short[Widest];
        var w = new short[Widest];
        var reference = new short[Widest];
        int[] lengths = [Mixer.Align, 64, Widest];
        foreach (int n in lengths)
        {
            for (int i = 0; i < n; i++)
            {
                w[i] = reference[i] = (short)Next(ref state);
            }

            for (int step = 0; step < 6; step++)
            {
                for (int i = 0; i < n; i++)
                {
                    uint r = Next(ref state);
                    x[i] = step % 2 == 0 ? (short)r : (short)((int)(r % 4095) - 2047);
                }

                int err = step switch { 0 => 32767, 1 => -32767, 2 => 0, _ => (int)(Next(ref state) % 65535) - 32767 };
                fixed (short* xp = x)
                fixed (short* wp = w)
                fixed (short* rp = reference)
                {
                    int dot;
                    CudaNative.Check(CudaNative.Dot(scratch, xp, wp, n, &dot));
                    int expected = ScalarMixerKernel.Instance.DotProduct(xp, rp, n);
                    if (dot != expected)
                    {
                        return $"{n} inputs, step {step}: dot {dot} from the GPU, {expected} from the scalar kernel";
                    }

                    CudaNative.Check(CudaNative.TrainOne(scratch, xp, wp, n, err));
                    ScalarMixerKernel.Instance.Train(xp, rp, n, err);
                }

                for (int i = 0; i < n; i++)
                {
                    if (w[i] != reference[i])
                    {
                        return $"{n} inputs, step {step}: weight {i} is {w[i]} from the GPU, {reference[i]} from the scalar kernel";
                    }
                }
            }
        }

        return null;
    }

    // xorshift64*: a fixed generator, so a failure reproduces everywhere.
    private static uint Next(ref ulong s)
    {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        return (uint)((s * 0x2545F4914F6CDD1DUL) >> 32);
    }
}
