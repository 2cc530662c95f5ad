using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CMix.Mixing;

/// <summary>
/// The portable SIMD mixer kernel: cross-platform <see cref="Vector128"/> operations (SSE on
/// x86-64, NEON on arm64, any other accelerated 128-bit ISA), eight int16 lanes per step.
/// Bit-identical to <see cref="ScalarMixerKernel"/> for every int16 x and w and every err in
/// [-32767, 32767]. Used where neither AVX2 nor AdvSimd is available.
/// </summary>
/// <remarks>
/// <see cref="Vector128"/> has no pmaddwd, so the pair sums are lane-local: each int32 lane
/// holds one pair (x[i] in its low half, x[i+1] in its high half); <c>(v &lt;&lt; 16) &gt;&gt; 16</c>
/// and <c>v &gt;&gt; 16</c> (arithmetic) recover the two sign-extended values. Requires n to be a
/// multiple of 8 (callers pass multiples of <see cref="Mixer.Align"/>).
/// </remarks>
public sealed unsafe class Vector128MixerKernel : MixerKernel
{
    /// <summary>The one instance; always callable, but only fast where <see cref="IsSupported"/> is true.</summary>
    public static readonly Vector128MixerKernel Instance = new();

    private Vector128MixerKernel()
    {
    }

    /// <summary>Whether <see cref="Vector128"/> operations are hardware accelerated in this process.</summary>
    public static bool IsSupported => Vector128.IsHardwareAccelerated;

    /// <inheritdoc/>
    public override string Name => "Vector128";

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override int DotProduct(short* x, short* w, int n)
    {
        Debug.Assert(n % Mixer.Align == 0);
        Vector128<int> acc = Vector128<int>.Zero;
        for (int i = 0; i < n; i += 8)
        {
            Vector128<int> xv = Vector128.Load((int*)(x + i));
            Vector128<int> wv = Vector128.Load((int*)(w + i));

            // scalar: x[i]*w[i] — low halves, sign-extended; the product is exact in int32.
            Vector128<int> even = Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(xv, 16), 16)
                * Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(wv, 16), 16);

            // scalar: x[i+1]*w[i+1] — high halves.
            Vector128<int> odd = Vector128.ShiftRightArithmetic(xv, 16) * Vector128.ShiftRightArithmetic(wv, 16);

            // scalar: sum += (even + odd) >> 8 — wrapping int32 additions, as in C#.
            acc += Vector128.ShiftRightArithmetic(even + odd, 8);
        }

        // scalar: the final sum — wrapping, so lane order is free.
        return Vector128.Sum(acc);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Train(short* x, short* w, int n, int err)
    {
        Debug.Assert(n % Mixer.Align == 0);
        Debug.Assert(err >= -32767 && err <= 32767);
        Vector128<int> e = Vector128.Create(err);
        Vector128<short> one = Vector128.Create((short)1);
        for (int i = 0; i < n; i += 8)
        {
            Vector128<short> xv = Vector128.Load(x + i);

            // scalar: x2 = Sat16(x[i] + x[i]).
            Vector128<short> x2 = Vector128.AddSaturate(xv, xv);

            // scalar: (x2 * err) >> 16 — exact in int32; |result| ≤ 16384, so the narrowing truncation is exact.
            (Vector128<int> lo, Vector128<int> hi) = Vector128.Widen(x2);
            Vector128<short> t = Vector128.Narrow(
                Vector128.ShiftRightArithmetic(lo * e, 16),
                Vector128.ShiftRightArithmetic(hi * e, 16));

            // scalar: d = Sat16(t + 1) >> 1.
            Vector128<short> d = Vector128.ShiftRightArithmetic(Vector128.AddSaturate(t, one), 1);

            // scalar: w[i] = Sat16(w[i] + d).
            Vector128.AddSaturate(Vector128.Load(w + i), d).Store(w + i);
        }
    }
}
