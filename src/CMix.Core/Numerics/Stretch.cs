using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace CMix.Numerics;

/// <summary>
/// stretch(p) = ln(p / (1 - p)), the inverse of <see cref="Squash"/>: maps a 12-bit probability
/// to the stretched domain [-2047, 2047].
/// </summary>
/// <remarks>
/// Built by inverting the squash table in integer code: stretch(p) is the smallest d whose
/// squash(d) reaches p. squash(stretch(p)) is therefore as close to p as the table allows and
/// stretch is monotone.
/// </remarks>
public static class Stretch
{
    private static readonly short[] s_table = Invert(Squash.P, 2047, 4096);

    /// <summary>
    /// The inverse of a monotone squash over [−<paramref name="limit"/>, <paramref name="limit"/>]:
    /// entry p (0 ≤ p &lt; <paramref name="size"/>) is the smallest d whose squash reaches p, and
    /// <paramref name="limit"/> past the last value it reaches. Shared with <see cref="Stretch16"/>.
    /// </summary>
    internal static short[] Invert(Func<int, int> squash, int limit, int size)
    {
        var table = new short[size];
        int pi = 0;
        for (int d = -limit; d <= limit; d++)
        {
            int v = squash(d);
            for (int j = pi; j <= v; j++)
            {
                table[j] = (short)d;
            }

            pi = Math.Max(pi, v + 1);
        }

        for (int j = pi; j < size; j++)
        {
            table[j] = (short)limit;
        }

        return table;
    }

    /// <summary>Returns stretch(p) for a 12-bit probability p in [0, 4095].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int D(int p)
    {
        Debug.Assert(p >= 0 && p < 4096);
        return s_table[p];
    }

    /// <summary>Exposes the table for checksum tests.</summary>
    internal static ReadOnlySpan<short> Table => s_table;
}
