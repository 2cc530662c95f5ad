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
    private static readonly short[] s_table = BuildTable();

    private static short[] BuildTable()
    {
        var table = new short[4096];
        int pi = 0;
        for (int d = -2047; d <= 2047; d++)
        {
            int v = Squash.P(d);
            for (int j = pi; j <= v; j++)
            {
                table[j] = (short)d;
            }

            pi = v + 1;
        }

        for (int j = pi; j < 4096; j++)
        {
            table[j] = 2047;
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
