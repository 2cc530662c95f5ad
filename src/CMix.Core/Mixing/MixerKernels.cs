namespace CMix.Mixing;

/// <summary>
/// Chooses the mixer kernel once at start-up. The choice changes speed only, never bytes.
/// </summary>
public static class MixerKernels
{
    private static MixerKernel? s_override;

    /// <summary>The best kernel this machine supports, and why it was chosen.</summary>
    public static (MixerKernel Kernel, string Reason) Detect()
    {
        return (ScalarMixerKernel.Instance, "no SIMD kernel is built yet; scalar reference in use");
    }

    /// <summary>The kernel new mixers use: the override if set, else the detected one.</summary>
    public static MixerKernel Current => s_override ?? s_detected.Kernel;

    /// <summary>Why <see cref="Current"/> was chosen.</summary>
    public static string Reason => s_override is not null ? "forced by override" : s_detected.Reason;

    private static readonly (MixerKernel Kernel, string Reason) s_detected = Detect();

    /// <summary>Forces a kernel (tests, benchmarks, <c>--kernel</c>); null restores detection.</summary>
    public static void Override(MixerKernel? kernel) => s_override = kernel;
}
