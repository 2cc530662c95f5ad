using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace CMix.Numerics;

/// <summary>
/// squash(d) = 4096 / (1 + e^-(d/256)): maps the stretched domain (8.8 fixed point, clamped to
/// ±2047) to a 12-bit probability in [1, 4095].
/// </summary>
/// <remarks>
/// The curve is a 33-point constant table (one point per 128 units of d) with linear
/// interpolation, evaluated in integer arithmetic only, so every machine computes the same
/// value. The points are round(4096 / (1 + e^-((i - 16) / 2))) for i = 0..32.
/// </remarks>
public static class Squash
{
    private static readonly int[] s_points =
    [
        1, 2, 4, 6, 10, 17, 27, 45, 74, 120, 194, 311, 488, 747, 1102,
        1546, 2048, 2550, 2994, 3349, 3608, 3785, 3902, 3976, 4022,
        4051, 4069, 4079, 4086, 4090, 4092, 4094, 4095,
    ];

    /// <summary>Full table for d in [-2047, 2047], indexed by d + 2047.</summary>
    private static readonly short[] s_table = BuildTable();

    private static short[] BuildTable()
    {
        var table = new short[4095];
        for (int d = -2047; d <= 2047; d++)
        {
            table[d + 2047] = (short)Interpolate(d);
        }

        return table;
    }

    private static int Interpolate(int d)
    {
        int w = d & 127;
        int i = (d >> 7) + 16;
        return (s_points[i] * (128 - w) + s_points[i + 1] * w + 64) >> 7;
    }

    /// <summary>Returns the 12-bit probability for stretched value <paramref name="d"/>; d is clamped to ±2047.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int P(int d)
    {
        if (d > 2047)
        {
            d = 2047;
        }
        else if (d < -2047)
        {
            d = -2047;
        }

        int p = s_table[d + 2047];
        Debug.Assert(p >= 1 && p <= 4095);
        return p;
    }

    /// <summary>Exposes the table for checksum tests.</summary>
    internal static ReadOnlySpan<short> Table => s_table;
}
