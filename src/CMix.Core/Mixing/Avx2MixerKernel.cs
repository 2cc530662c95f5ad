using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CMix.Mixing;

/// <summary>
/// The mixer kernel on x86-64 AVX2: sixteen int16 lanes per step. Bit-identical to
/// <see cref="ScalarMixerKernel"/> for every int16 x and w and every err in [-32767, 32767].
/// </summary>
/// <remarks>
/// Requires n to be a multiple of <see cref="Mixer.Align"/> (16, one <see cref="Vector256{T}"/>
/// of int16). Loads are unaligned-tolerant; <see cref="Mixer"/> hands over 64-byte aligned
/// buffers, so they never split a cache line there.
/// </remarks>
public sealed unsafe class Avx2MixerKernel : MixerKernel
{
    /// <summary>The one instance; only call it where <see cref="IsSupported"/> is true.</summary>
    public static readonly Avx2MixerKernel Instance = new();

    private Avx2MixerKernel()
    {
    }

    /// <summary>Whether this process can run the kernel (AVX2 present and not disabled with DOTNET_EnableAVX2=0).</summary>
    public static bool IsSupported => Avx2.IsSupported;

    /// <inheritdoc/>
    public override string Name => "AVX2";

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override int DotProduct(short* x, short* w, int n)
    {
        Debug.Assert(n % Mixer.Align == 0);
        Vector256<int> acc = Vector256<int>.Zero;
        for (int i = 0; i < n; i += 16)
        {
            // scalar: (x[i]*w[i] + x[i+1]*w[i+1]) — pmaddwd; the int32 pair sum wraps exactly as
            // C# unchecked int addition does (only for two -32768*-32768 products).
            Vector256<int> pairs = Avx2.MultiplyAddAdjacent(Avx.LoadVector256(x + i), Avx.LoadVector256(w + i));

            // scalar: sum += pair >> 8 — psrad 8 per pair, then paddd (wrapping, like the scalar sum).
            acc = Avx2.Add(acc, Avx2.ShiftRightArithmetic(pairs, 8));
        }

        return Sum(acc);
    }

    /// <summary>
    /// scalar: the final sum of a dot product's lanes — int32 addition is associative modulo
    /// 2^32, so lane order is free.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Sum(Vector256<int> acc)
    {
        Vector128<int> s = Sse2.Add(acc.GetLower(), acc.GetUpper());
        s = Sse2.Add(s, Sse2.Shuffle(s, 0b_01_00_11_10));
        s = Sse2.Add(s, Sse2.Shuffle(s, 0b_10_11_00_01));
        return s.ToScalar();
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Train(short* x, short* w, int n, int err)
    {
        Debug.Assert(n % Mixer.Align == 0);
        Debug.Assert(err >= -32767 && err <= 32767);
        Vector256<short> e = Vector256.Create((short)err);
        Vector256<short> one = Vector256.Create((short)1);
        for (int i = 0; i < n; i += 16)
        {
            Vector256<short> xv = Avx.LoadVector256(x + i);

            // scalar: x2 = Sat16(x[i] + x[i]) — paddsw.
            Vector256<short> x2 = Avx2.AddSaturate(xv, xv);

            // scalar: (x2 * err) >> 16 — pmulhw (high half of the exact 32-bit product).
            Vector256<short> t = Avx2.MultiplyHigh(x2, e);

            // scalar: d = Sat16(t + 1) >> 1 — paddsw 1, psraw 1.
            Vector256<short> d = Avx2.ShiftRightArithmetic(Avx2.AddSaturate(t, one), 1);

            // scalar: w[i] = Sat16(w[i] + d) — paddsw.
            Avx.Store(w + i, Avx2.AddSaturate(Avx.LoadVector256(w + i), d));
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit] // acc is cleared below; zeroing the stack buffer first would be wasted per bit
    public override void DotProducts(short* x, short** w, int count, int n, int* results)
    {
        Debug.Assert(n % Mixer.Align == 0);
        if (count > MaxFused)
        {
            DotProductsByFour(x, w, count, n, results);
            return;
        }

        // The same pmaddwd / psrad 8 / paddd per set as DotProduct, with x loaded once per step.
        Vector256<int>* acc = stackalloc Vector256<int>[MaxFused];
        for (int k = 0; k < count; k++)
        {
            acc[k] = Vector256<int>.Zero;
        }

        for (int i = 0; i < n; i += 16)
        {
            Vector256<short> xv = Avx.LoadVector256(x + i);
            for (int k = 0; k < count; k++)
            {
                acc[k] = DotStep(acc[k], xv, w[k] + i);
            }
        }

        for (int k = 0; k < count; k++)
        {
            results[k] = Sum(acc[k]);
        }
    }

    /// <summary>
    /// <see cref="DotProducts"/> for more sets than the fused path takes (level 9's 14): four
    /// sets at a time with their sums in registers, x loaded once per step for the four; the
    /// same pmaddwd / psrad 8 / paddd per set as <see cref="DotProduct"/>, which takes the rest.
    /// </summary>
    private void DotProductsByFour(short* x, short** w, int count, int n, int* results)
    {
        int k = 0;
        for (; k + 4 <= count; k += 4)
        {
            short* w0 = w[k], w1 = w[k + 1], w2 = w[k + 2], w3 = w[k + 3];
            Vector256<int> a0 = Vector256<int>.Zero, a1 = a0, a2 = a0, a3 = a0;
            for (int i = 0; i < n; i += 16)
            {
                Vector256<short> xv = Avx.LoadVector256(x + i);
                a0 = DotStep(a0, xv, w0 + i);
                a1 = DotStep(a1, xv, w1 + i);
                a2 = DotStep(a2, xv, w2 + i);
                a3 = DotStep(a3, xv, w3 + i);
            }

            results[k] = Sum(a0);
            results[k + 1] = Sum(a1);
            results[k + 2] = Sum(a2);
            results[k + 3] = Sum(a3);
        }

        for (; k < count; k++)
        {
            results[k] = DotProduct(x, w[k], n);
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit] // every e[k] used is written below
    public override void TrainMany(short* x, short** w, int* err, int count, int n)
    {
        Debug.Assert(n % Mixer.Align == 0);
        if (count > MaxFused)
        {
            TrainByFour(x, w, err, count, n);
            return;
        }

        // The same paddsw / pmulhw / paddsw 1 / psraw 1 / paddsw per set as Train, with x2 computed once per step.
        Vector256<short>* e = stackalloc Vector256<short>[MaxFused];
        for (int k = 0; k < count; k++)
        {
            Debug.Assert(err[k] >= -32767 && err[k] <= 32767);
            e[k] = Vector256.Create((short)err[k]);
        }

        Vector256<short> one = Vector256.Create((short)1);
        for (int i = 0; i < n; i += 16)
        {
            Vector256<short> xv = Avx.LoadVector256(x + i);
            Vector256<short> x2 = Avx2.AddSaturate(xv, xv);
            for (int k = 0; k < count; k++)
            {
                TrainStep(w[k] + i, x2, e[k], one);
            }
        }
    }

    /// <summary>
    /// <see cref="TrainMany"/> for more sets than the fused path takes: four sets at a time with
    /// their errors in registers and x2 computed once per step for the four; the same arithmetic
    /// per set as <see cref="Train"/>, which takes the rest.
    /// </summary>
    private void TrainByFour(short* x, short** w, int* err, int count, int n)
    {
        Vector256<short> one = Vector256.Create((short)1);
        int k = 0;
        for (; k + 4 <= count; k += 4)
        {
            short* w0 = w[k], w1 = w[k + 1], w2 = w[k + 2], w3 = w[k + 3];
            Debug.Assert(err[k] >= -32767 && err[k] <= 32767 && err[k + 1] >= -32767 && err[k + 1] <= 32767);
            Debug.Assert(err[k + 2] >= -32767 && err[k + 2] <= 32767 && err[k + 3] >= -32767 && err[k + 3] <= 32767);
            Vector256<short> e0 = Vector256.Create((short)err[k]), e1 = Vector256.Create((short)err[k + 1]);
            Vector256<short> e2 = Vector256.Create((short)err[k + 2]), e3 = Vector256.Create((short)err[k + 3]);
            for (int i = 0; i < n; i += 16)
            {
                Vector256<short> xv = Avx.LoadVector256(x + i);
                Vector256<short> x2 = Avx2.AddSaturate(xv, xv);
                TrainStep(w0 + i, x2, e0, one);
                TrainStep(w1 + i, x2, e1, one);
                TrainStep(w2 + i, x2, e2, one);
                TrainStep(w3 + i, x2, e3, one);
            }
        }

        for (; k < count; k++)
        {
            Train(x, w[k], n, err[k]);
        }
    }

    /// <summary>One 16-lane step of a set's dot product: acc += (x·w pair sums) >> 8 (pmaddwd, psrad 8, paddd), as in <see cref="DotProduct"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> DotStep(Vector256<int> acc, Vector256<short> xv, short* w) =>
        Avx2.Add(acc, Avx2.ShiftRightArithmetic(Avx2.MultiplyAddAdjacent(xv, Avx.LoadVector256(w)), 8));

    /// <summary>One 16-lane step of a set's training from x2 = Sat16(x + x): w = Sat16(w + (Sat16(((x2 · err) >> 16) + 1) >> 1)), as in <see cref="Train"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TrainStep(short* w, Vector256<short> x2, Vector256<short> e, Vector256<short> one) =>
        Avx.Store(w, Avx2.AddSaturate(Avx.LoadVector256(w), Avx2.ShiftRightArithmetic(Avx2.AddSaturate(Avx2.MultiplyHigh(x2, e), one), 1)));

    /// <summary>
    /// Most weight sets the fused paths handle at once with their accumulators on the stack;
    /// more go four at a time with them in registers (same arithmetic). Levels 2–8 use 3–7 sets,
    /// level 9 14: a limit of 16, which fused those too, was slower at level 9 in an A/B on one
    /// 300 KB prefix (0.029 and 0.032 MB/s against 0.041 and 0.043, a noisy machine).
    /// </summary>
    private const int MaxFused = 8;
}
