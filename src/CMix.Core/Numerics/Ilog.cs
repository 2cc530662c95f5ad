using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace CMix.Numerics;

/// <summary>
/// Base-2 logarithms in fixed point with <see cref="FractionBits"/> fraction bits, computed by
/// integer code (no libm, so every machine gets the same table), and the coding cost of a 16-bit
/// probability: an event of probability q / 65536 costs 16 − log2(q) bits.
/// </summary>
/// <remarks>
/// For reporting (<c>cmix analyze</c>): nothing on the prediction path reads it, so it cannot
/// change an archive. <see cref="Cost"/> is a table of 65,536 ints (256 KB), built at first use;
/// a checksum test pins it. Each entry is log2 rounded to the nearest 1/65536 bit.
/// </remarks>
public static class Ilog
{
    /// <summary>Fraction bits of every value here: costs are in units of 2^-16 bit.</summary>
    public const int FractionBits = 16;

    /// <summary>One bit in cost units.</summary>
    public const int One = 1 << FractionBits;

    private static readonly int[] s_cost = BuildCosts();

    /// <summary>The cost table: entry q is −log2(q / 65536) in units of 2^-16 bit (entry 0 unused, 0).</summary>
    public static ReadOnlySpan<int> Costs => s_cost;

    /// <summary>Bits, in units of 2^-16, to code an event of probability <paramref name="q"/> / 65536, q in [1, 65535].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Cost(int q)
    {
        Debug.Assert(q >= 1 && q <= 65535);
        return s_cost[q];
    }

    /// <summary>
    /// log2(<paramref name="x"/>) for x in [1, 2^31), in units of 2^-16, rounded to nearest. The
    /// mantissa m in [1, 2) is squared repeatedly (Q30, exact 64-bit products, truncated): each
    /// squaring that reaches 2 gives one fraction bit. 20 bits are produced and rounded to 16;
    /// the truncations err by far less than the rounding step.
    /// </summary>
    public static int Log2(int x)
    {
        if (x <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "log2 needs a positive argument");
        }

        int n = 31 - int.LeadingZeroCount(x);  // floor(log2 x)
        ulong m = n <= 30 ? (ulong)x << (30 - n) : (ulong)x >> (n - 30);  // Q30 in [2^30, 2^31)
        const int Extra = 4;
        int frac = 0;
        for (int i = 0; i < FractionBits + Extra; i++)
        {
            m = (m * m) >> 30;
            frac <<= 1;
            if (m >= 1UL << 31)
            {
                m >>= 1;
                frac |= 1;
            }
        }

        return (n << FractionBits) + ((frac + (1 << (Extra - 1))) >> Extra);
    }

    private static int[] BuildCosts()
    {
        var table = new int[65536];
        int log65536 = 16 << FractionBits;
        for (int q = 1; q < table.Length; q++)
        {
            table[q] = log65536 - Log2(q);
        }

        return table;
    }
}
