using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;

namespace CMix.Mixing;

/// <summary>
/// The mixer kernel on arm64 NEON (AdvSimd): eight int16 lanes per step. Bit-identical to
/// <see cref="ScalarMixerKernel"/> for every int16 x and w and every err in [-32767, 32767].
/// </summary>
/// <remarks>
/// NEON has no pmaddwd or pmulhw, so both are rebuilt from exact pieces:
/// <list type="bullet">
/// <item>pair sums: SMULL/SMULL2 give the exact int32 products of lanes 0..3 and 4..7; ADDP adds
/// neighbours (wrapping, like pmaddwd and like C# int addition); SSRA shifts by 8 and accumulates.</item>
/// <item>training: SQDMULH(x2, err) = floor(x2·err / 2^15) exactly, because it saturates only
/// when both operands are -32768 and err never is. Then
/// floor((floor(s/2) + 1) / 2) = floor((s + 2) / 4) for every integer s (check s = 4k + r,
/// r = 0..3), so pmulhw, paddsw 1 and psraw 1 together are one SRSHR #2 (rounding shift,
/// computed without overflow; the paddsw never saturates because |pmulhw| ≤ 16384).</item>
/// </list>
/// Requires n to be a multiple of 8 (callers pass multiples of <see cref="Mixer.Align"/>).
/// </remarks>
public sealed unsafe class AdvSimdMixerKernel : MixerKernel
{
    /// <summary>The one instance; only call it where <see cref="IsSupported"/> is true.</summary>
    public static readonly AdvSimdMixerKernel Instance = new();

    private AdvSimdMixerKernel()
    {
    }

    /// <summary>Whether this process can run the kernel (arm64 with AdvSimd, not disabled by DOTNET_EnableHWIntrinsic=0).</summary>
    public static bool IsSupported => AdvSimd.Arm64.IsSupported;

    /// <inheritdoc/>
    public override string Name => "AdvSimd";

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override int DotProduct(short* x, short* w, int n)
    {
        Debug.Assert(n % Mixer.Align == 0);
        Vector128<int> acc = Vector128<int>.Zero;
        for (int i = 0; i < n; i += 8)
        {
            Vector128<short> xv = AdvSimd.LoadVector128(x + i);
            Vector128<short> wv = AdvSimd.LoadVector128(w + i);

            // scalar: x[i]*w[i] and x[i+1]*w[i+1], exact in int32 — SMULL (lanes 0..3), SMULL2 (lanes 4..7).
            Vector128<int> lo = AdvSimd.MultiplyWideningLower(xv.GetLower(), wv.GetLower());
            Vector128<int> hi = AdvSimd.MultiplyWideningUpper(xv, wv);

            // scalar: x[i]*w[i] + x[i+1]*w[i+1] — ADDP of neighbouring products, wrapping like pmaddwd.
            Vector128<int> pairs = AdvSimd.Arm64.AddPairwise(lo, hi);

            // scalar: sum += pair >> 8 — SSRA #8 (arithmetic shift, wrapping add).
            acc = AdvSimd.ShiftRightArithmeticAdd(acc, pairs, 8);
        }

        // scalar: the final sum — ADDV wraps modulo 2^32, and int32 addition is associative there.
        return AdvSimd.Arm64.AddAcross(acc).ToScalar();
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Train(short* x, short* w, int n, int err)
    {
        Debug.Assert(n % Mixer.Align == 0);
        Debug.Assert(err >= -32767 && err <= 32767);
        Vector128<short> e = Vector128.Create((short)err);
        for (int i = 0; i < n; i += 8)
        {
            Vector128<short> xv = AdvSimd.LoadVector128(x + i);

            // scalar: x2 = Sat16(x[i] + x[i]) — SQADD.
            Vector128<short> x2 = AdvSimd.AddSaturate(xv, xv);

            // scalar: s = (x2 * err) >> 15 — SQDMULH (never saturates: err != -32768).
            Vector128<short> s = AdvSimd.MultiplyDoublingSaturateHigh(x2, e);

            // scalar: d = Sat16(((x2 * err) >> 16) + 1) >> 1 = (s + 2) >> 2 — SRSHR #2 (see remarks).
            Vector128<short> d = AdvSimd.ShiftRightArithmeticRounded(s, 2);

            // scalar: w[i] = Sat16(w[i] + d) — SQADD.
            AdvSimd.Store(w + i, AdvSimd.AddSaturate(AdvSimd.LoadVector128(w + i), d));
        }
    }
}
