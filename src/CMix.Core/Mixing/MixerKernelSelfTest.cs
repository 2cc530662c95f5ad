using System.Runtime.InteropServices;

namespace CMix.Mixing;

/// <summary>
/// Checks a <see cref="MixerKernel"/> against <see cref="ScalarMixerKernel"/> on seeded random
/// vectors and edge values: equal dot products, and equal weights after repeated training.
/// Used by the unit tests, the self-check program (arm64 under qemu) and any loader that must
/// prove an accelerator before trusting it.
/// </summary>
/// <remarks>
/// Deterministic: the vectors come from a fixed SplitMix64 stream, so a failure reproduces
/// from (kernel, length, seed). Buffers are 64-byte aligned like <see cref="Mixer"/>'s, and one
/// pass also runs them misaligned by 2 bytes to prove no kernel assumes alignment.
/// </remarks>
public static unsafe class MixerKernelSelfTest
{
    /// <summary>Values that exercise every saturation and wrap-around path.</summary>
    public static ReadOnlySpan<short> EdgeValues =>
    [
        short.MinValue, -32767, -32766, -16385, -16384, -16383, -2048, -2047, -256, -2, -1,
        0, 1, 2, 255, 2047, 2048, 16383, 16384, 16385, 32766, 32767,
    ];

    /// <summary>Errors that exercise the extremes of the training contract (err in [-32767, 32767]).</summary>
    public static ReadOnlySpan<int> EdgeErrors => [-32767, -32766, -16384, -4096, -1, 0, 1, 4095, 16383, 32766, 32767];

    /// <summary>Which values the random vectors take.</summary>
    public enum Domain
    {
        /// <summary>x in [-2047, 2047] (the predictor's stretched inputs), w and err anywhere in range.</summary>
        Predictor,

        /// <summary>x and w anywhere in int16, err anywhere in [-32767, 32767].</summary>
        Full,

        /// <summary>Every value drawn from <see cref="EdgeValues"/> / <see cref="EdgeErrors"/>.</summary>
        Edges,
    }

    /// <summary>
    /// Runs every check for lengths 16..<paramref name="maxLength"/> (multiples of 16) in every
    /// <see cref="Domain"/>; returns null when the kernel matches scalar, else the first mismatch.
    /// </summary>
    public static string? Run(MixerKernel kernel, int maxLength = 1024, int rounds = 8, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        for (int n = Mixer.Align; n <= maxLength; n += Mixer.Align)
        {
            foreach (Domain d in Enum.GetValues<Domain>())
            {
                string? failure = Compare(kernel, n, d, rounds, seed + (ulong)n, misaligned: false)
                    ?? Compare(kernel, n, d, 2, seed ^ (ulong)n, misaligned: true);
                if (failure is not null)
                {
                    return failure;
                }
            }
        }

        return CompareSaturatedPairs(kernel);
    }

    /// <summary>
    /// Fills x and w for length <paramref name="n"/> from <paramref name="seed"/>, then
    /// <paramref name="rounds"/> times: compares the dot product, trains both copies of w with
    /// the same err and compares every weight, and draws a fresh x. Returns null or the first mismatch.
    /// </summary>
    public static string? Compare(MixerKernel kernel, int n, Domain domain, int rounds, ulong seed, bool misaligned = false)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (n <= 0 || n % Mixer.Align != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"length must be a positive multiple of {Mixer.Align}");
        }

        int pad = misaligned ? 1 : 0;
        short* block = (short*)NativeMemory.AlignedAlloc((nuint)(3 * (n + 32) * sizeof(short)), 64);
        try
        {
            short* x = block + pad;
            short* wRef = block + (n + 32) + pad;
            short* wTest = block + 2 * (n + 32) + pad;
            var rng = new SplitMix64(seed);
            for (int i = 0; i < n; i++)
            {
                wRef[i] = wTest[i] = NextWeight(ref rng, domain);
            }

            for (int r = 0; r < rounds; r++)
            {
                for (int i = 0; i < n; i++)
                {
                    x[i] = NextInput(ref rng, domain);
                }

                int expected = ScalarMixerKernel.Instance.DotProduct(x, wRef, n);
                int actual = kernel.DotProduct(x, wTest, n);
                if (expected != actual)
                {
                    return $"{kernel.Name} DotProduct differs from scalar (n={n}, {domain}, seed={seed}, round {r}, misaligned={misaligned}): expected {expected}, got {actual}";
                }

                int err = NextError(ref rng, domain);
                ScalarMixerKernel.Instance.Train(x, wRef, n, err);
                kernel.Train(x, wTest, n, err);
                for (int i = 0; i < n; i++)
                {
                    if (wRef[i] != wTest[i])
                    {
                        return $"{kernel.Name} Train differs from scalar (n={n}, {domain}, seed={seed}, round {r}, misaligned={misaligned}, err={err}): w[{i}] expected {wRef[i]}, got {wTest[i]} (x[{i}]={x[i]})";
                    }
                }
            }

            return null;
        }
        finally
        {
            NativeMemory.AlignedFree(block);
        }
    }

    /// <summary>
    /// The wrap-around corner: every pair is (-32768)·(-32768) + (-32768)·(-32768) = 2^31, which
    /// wraps to int.MinValue in pmaddwd and in C#; then every extreme single lane.
    /// </summary>
    private static string? CompareSaturatedPairs(MixerKernel kernel)
    {
        const int n = 64;
        short* x = (short*)NativeMemory.AlignedAlloc(n * sizeof(short), 64);
        short* w = (short*)NativeMemory.AlignedAlloc(n * sizeof(short), 64);
        try
        {
            foreach (short xv in (short[])[short.MinValue, short.MaxValue])
            {
                foreach (short wv in (short[])[short.MinValue, short.MaxValue])
                {
                    new Span<short>(x, n).Fill(xv);
                    new Span<short>(w, n).Fill(wv);
                    int expected = ScalarMixerKernel.Instance.DotProduct(x, w, n);
                    int actual = kernel.DotProduct(x, w, n);
                    if (expected != actual)
                    {
                        return $"{kernel.Name} DotProduct differs from scalar with every x={xv}, w={wv}: expected {expected}, got {actual}";
                    }
                }
            }

            return null;
        }
        finally
        {
            NativeMemory.AlignedFree(x);
            NativeMemory.AlignedFree(w);
        }
    }

    private static short NextInput(ref SplitMix64 rng, Domain domain) => domain switch
    {
        Domain.Predictor => (short)(rng.Next(4095) - 2047),
        Domain.Full => (short)rng.Next(65536),
        _ => EdgeValues[rng.Next(EdgeValues.Length)],
    };

    private static short NextWeight(ref SplitMix64 rng, Domain domain) =>
        domain == Domain.Edges ? EdgeValues[rng.Next(EdgeValues.Length)] : (short)rng.Next(65536);

    private static int NextError(ref SplitMix64 rng, Domain domain) =>
        domain == Domain.Edges ? EdgeErrors[rng.Next(EdgeErrors.Length)] : rng.Next(65535) - 32767;

    /// <summary>SplitMix64 (Steele, Lea, Flood 2014): fixed constants, identical on every platform.</summary>
    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        /// <summary>Uniform-enough integer in [0, bound) for test vectors (bound ≤ 2^16).</summary>
        public int Next(int bound)
        {
            _state += 0x9E3779B97F4A7C15UL;
            ulong z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)((z >> 32) % (uint)bound);
        }
    }
}
