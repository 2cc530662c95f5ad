namespace CMix.Mixing;

/// <summary>
/// Chooses the mixer kernel once at start-up. The choice changes speed only, never bytes.
/// </summary>
/// <remarks>
/// Preference: AVX2 → AdvSimd (arm64 NEON) → Vector128 (any other accelerated 128-bit ISA) →
/// scalar. The environment variable <see cref="EnvironmentVariable"/> (<c>CMIX_KERNEL</c>) forces
/// one by name (<c>scalar</c>, <c>avx2</c>, <c>advsimd</c>, <c>vector128</c>; <c>auto</c> or empty
/// detects); forcing one this process cannot run makes <see cref="Current"/> throw
/// <see cref="NotSupportedException"/> with the reason, rather than silently running another.
/// </remarks>
public static class MixerKernels
{
    /// <summary>Name of the environment variable that forces a kernel.</summary>
    public const string EnvironmentVariable = "CMIX_KERNEL";

    /// <summary>
    /// The detected kernel, made at first use. A race makes it twice, the same; a failure (an
    /// invalid <c>CMIX_KERNEL</c>) is not kept, so every use throws it. A plain field, not a
    /// <c>Lazy</c> of a tuple, whose generic code and boxed tuple would go into the SFX stub.
    /// </summary>
    private static volatile Detection? s_detected;

    private static volatile MixerKernel? s_override;

    /// <summary>Every kernel this build contains, in order of preference (scalar last).</summary>
    public static IReadOnlyList<MixerKernel> All => FullKernelSet
        ? [Avx2MixerKernel.Instance, AdvSimdMixerKernel.Instance, Vector128MixerKernel.Instance, ScalarMixerKernel.Instance]
        : [Avx2MixerKernel.Instance, ScalarMixerKernel.Instance];

    /// <summary>Name of the feature switch that keeps every kernel (default true).</summary>
    public const string FullKernelSetSwitch = "CMix.Mixing.FullKernelSet";

    /// <summary>
    /// False only in builds that set the <see cref="FullKernelSetSwitch"/> feature switch off (the
    /// x86-64-v3 SFX stub, where AVX2 is always present): the trimmer then drops the AdvSimd and
    /// Vector128 kernels, leaving AVX2 and the scalar reference.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.FeatureSwitchDefinition(FullKernelSetSwitch)]
    private static bool FullKernelSet => !AppContext.TryGetSwitch(FullKernelSetSwitch, out bool on) || on;

    /// <summary>Whether this process can run <paramref name="kernel"/>; when not, <paramref name="reason"/> says why.</summary>
    public static bool IsSupported(MixerKernel kernel, out string reason)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        (bool ok, reason) = kernel switch
        {
            Avx2MixerKernel => (Avx2MixerKernel.IsSupported,
                "AVX2 is not available: the CPU lacks it, DOTNET_EnableAVX2=0 (or DOTNET_EnableHWIntrinsic=0) is set, or a NativeAOT binary was published without IlcInstructionSet=x86-64-v3"),
            AdvSimdMixerKernel => (AdvSimdMixerKernel.IsSupported,
                "AdvSimd is not available: not an arm64 process, or DOTNET_EnableHWIntrinsic=0 is set"),
            Vector128MixerKernel => (Vector128MixerKernel.IsSupported,
                "Vector128 is not hardware accelerated in this process (e.g. DOTNET_EnableHWIntrinsic=0)"),
            ScalarMixerKernel => (true, ""),
            _ => (false, $"unknown kernel {kernel.Name}"),
        };
        if (ok)
        {
            reason = "";
        }

        return ok;
    }

    /// <summary>The kernel named <paramref name="name"/> (case-insensitive, as in <see cref="MixerKernel.Name"/>), or null.</summary>
    public static MixerKernel? FromName(string name)
    {
        foreach (var k in All)
        {
            if (AsciiEqualsIgnoreCase(k.Name, name))
            {
                return k;
            }
        }

        return null;
    }

    /// <summary>
    /// The best kernel this machine supports, and why it was chosen, honouring
    /// <c>CMIX_KERNEL</c>. Throws <see cref="NotSupportedException"/> when the variable names an
    /// unknown kernel or one this process cannot run.
    /// </summary>
    public static (MixerKernel Kernel, string Reason) Detect() =>
        Detect(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>As <see cref="Detect()"/>, with <paramref name="forced"/> in place of the environment variable.</summary>
    public static (MixerKernel Kernel, string Reason) Detect(string? forced)
    {
        if (!string.IsNullOrWhiteSpace(forced) && !AsciiEqualsIgnoreCase(forced.Trim(), "auto"))
        {
            var kernel = FromName(forced.Trim()) ?? throw new NotSupportedException(
                $"{EnvironmentVariable}={forced}: unknown mixer kernel; use one of auto, avx2, advsimd, vector128, scalar");
            if (!IsSupported(kernel, out string why))
            {
                throw new NotSupportedException($"{EnvironmentVariable}={forced}: {why}; unset it to detect the best kernel");
            }

            return (kernel, $"forced by {EnvironmentVariable}={forced.Trim()}");
        }

        if (Avx2MixerKernel.IsSupported)
        {
            return (Avx2MixerKernel.Instance, "AVX2 available (16 int16 lanes)");
        }

        if (FullKernelSet && AdvSimdMixerKernel.IsSupported)
        {
            return (AdvSimdMixerKernel.Instance, "arm64 AdvSimd available (8 int16 lanes)");
        }

        if (FullKernelSet && Vector128MixerKernel.IsSupported)
        {
            return (Vector128MixerKernel.Instance, "neither AVX2 nor arm64 AdvSimd available; Vector128 is hardware accelerated");
        }

        return (ScalarMixerKernel.Instance, "no hardware-accelerated SIMD in this process (e.g. DOTNET_EnableHWIntrinsic=0)");
    }

    // Kernel names are ASCII; a plain comparison keeps culture and casing tables (and LINQ) out of
    // the size-optimised SFX stub, which links this class.
    private static bool AsciiEqualsIgnoreCase(string a, string b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if ((a[i] | 0x20) != (b[i] | 0x20))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The kernel new mixers use: the override if set, else the detected one (computed once).
    /// Throws <see cref="NotSupportedException"/> when <c>CMIX_KERNEL</c> is invalid here.
    /// </summary>
    public static MixerKernel Current => s_override ?? Detected.Kernel;

    /// <summary>Why <see cref="Current"/> was chosen.</summary>
    public static string Reason => s_override is not null ? "forced by override" : Detected.Reason;

    private static Detection Detected
    {
        get
        {
            if (s_detected is not Detection detected)
            {
                var (kernel, reason) = Detect();
                s_detected = detected = new Detection(kernel, reason);
            }

            return detected;
        }
    }

    /// <summary>The result of <see cref="Detect()"/>, kept.</summary>
    private sealed class Detection(MixerKernel kernel, string reason)
    {
        public MixerKernel Kernel { get; } = kernel;

        public string Reason { get; } = reason;
    }

    /// <summary>Forces a kernel (tests, benchmarks, <c>--kernel</c>); null restores detection.</summary>
    /// <exception cref="NotSupportedException">this process cannot run <paramref name="kernel"/>.</exception>
    public static void Override(MixerKernel? kernel)
    {
        if (kernel is not null && !IsSupported(kernel, out string why))
        {
            throw new NotSupportedException($"cannot use the {kernel.Name} mixer kernel: {why}");
        }

        s_override = kernel;
    }
}
