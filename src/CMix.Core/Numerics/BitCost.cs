using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace CMix.Numerics;

/// <summary>
/// The information content of a coded bit: −log2 of the probability the predictor gave it, for
/// the predictor's 16-bit P(1) in [1, 65535]. This is what an ideal arithmetic coder spends on the
/// bit; the real one spends it plus a few bytes per segment.
/// </summary>
/// <remarks>
/// Measurement only, never on the coding path: the table is built with <see cref="Math.Log2(double)"/>
/// at start-up, which may differ across platforms in the last bit of a double; no coded
/// probability depends on it, so archives cannot. 65,536 doubles (512 KB), built on first use.
/// </remarks>
public static class BitCost
{
    private static readonly double[] s_bits = Build();

    /// <summary>Bits spent on bit <paramref name="y"/> when P(1) was <paramref name="p"/>/65536.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Of(int y, int p)
    {
        Debug.Assert((y == 0 || y == 1) && p > 0 && p < 65536);
        return s_bits[y == 1 ? p : 65536 - p];
    }

    private static double[] Build()
    {
        var t = new double[65536];
        t[0] = 16;  // unused: the predictor never gives 0 or 65536
        for (int p = 1; p < t.Length; p++)
        {
            t[p] = -Math.Log2(p / 65536.0);
        }

        return t;
    }
}
