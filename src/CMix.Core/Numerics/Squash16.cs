using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace CMix.Numerics;

/// <summary>
/// The logistic function at 16-bit resolution: about 65536 / (1 + e^(−d/256)) for a stretch
/// <c>d</c> in 1/256 of a natural log-odds (the units of <see cref="Squash"/>), over
/// ±<see cref="Limit"/> (±12) instead of ±2047 (±8), as an integer in [1, 65535].
/// </summary>
/// <remarks>
/// Linear interpolation between 49 constant points, one every 128 units, so it is integer math
/// and the same on every CPU (the points are <c>round(65536 / (1 + e^(−x/2)))</c> for
/// x = −24..24, clamped to [1, 65535]; <see cref="Stretch16"/> is its inverse). Level 9's
/// The SSE mixer works here: the SSE stages' outputs reach 1/65536, past the
/// 12-bit domain's 1/4096.
/// </remarks>
public static class Squash16
{
    /// <summary>The largest stretch accepted; inputs beyond it are clamped.</summary>
    public const int Limit = 3071;

    private static readonly int[] s_points =
    [
        1, 1, 1, 2, 3, 5, 8, 13, 22, 36, 60, 98, 162, 267, 439, 720, 1179, 1921, 3108, 4971,
        7812, 11955, 17625, 24743, 32768, 40793, 47911, 53581, 57724, 60565, 62428, 63615, 64357,
        64816, 65097, 65269, 65374, 65438, 65476, 65500, 65514, 65523, 65528, 65531, 65533, 65534,
        65535, 65535, 65535,
    ];

    /// <summary>16-bit probability in [1, 65535] of stretch <paramref name="d"/> (clamped to ±<see cref="Limit"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int P(int d)
    {
        d = Math.Clamp(d, -Limit, Limit) + 3072;  // 1..6143
        int w = d & 127;
        int i = d >> 7;
        int p = (s_points[i] * (128 - w) + s_points[i + 1] * w + 64) >> 7;
        Debug.Assert(p >= 1 && p <= 65535);
        return p;
    }

    /// <summary>The interpolation points (for the checksum test).</summary>
    internal static ReadOnlySpan<int> Points => s_points;
}
