using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace CMix.Numerics;

/// <summary>
/// The inverse of <see cref="Squash16"/>: ln(p / (1 − p)) × 256 for a 16-bit probability, in
/// [−<see cref="Squash16.Limit"/>, <see cref="Squash16.Limit"/>].
/// </summary>
/// <remarks>
/// A 65,536-entry table (128 KB) built at start-up from <see cref="Squash16"/> alone, as
/// <see cref="Stretch"/> is from <see cref="Squash"/>: entry p is the smallest d with
/// Squash16(d) ≥ p, so no floating point is involved and every CPU builds the same table.
/// </remarks>
public static class Stretch16
{
    private static readonly short[] s_table = Stretch.Invert(Squash16.P, Squash16.Limit, 65536);

    /// <summary>Stretch of 16-bit probability <paramref name="p"/> in [0, 65535].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int D(int p)
    {
        Debug.Assert(p >= 0 && p < 65536);
        return s_table[p];
    }

    /// <summary>The table (for the checksum test).</summary>
    internal static ReadOnlySpan<short> Table => s_table;
}
