using System.Globalization;

namespace CMix.Cli;

/// <summary>Parses and prints byte counts with binary suffixes (K, M, G = 2^10, 2^20, 2^30).</summary>
internal static class ByteSize
{
    /// <summary>Parses "65536", "64K", "64M", "1G" (optionally with "iB"/"B"); throws <see cref="UsageException"/> otherwise.</summary>
    public static long Parse(string text, string option)
    {
        string t = text.Trim();
        int shift = 0;
        string digits = t;
        string upper = t.ToUpperInvariant();
        foreach (var (suffix, bits) in new[] { ("KIB", 10), ("MIB", 20), ("GIB", 30), ("KB", 10), ("MB", 20), ("GB", 30), ("K", 10), ("M", 20), ("G", 30), ("B", 0) })
        {
            if (upper.EndsWith(suffix, StringComparison.Ordinal))
            {
                shift = bits;
                digits = t[..^suffix.Length];
                break;
            }
        }

        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value > (long.MaxValue >> shift))
        {
            throw new UsageException($"{option}: '{text}' is not a size; use bytes or a K/M/G suffix, e.g. 64M");
        }

        return value << shift;
    }

    /// <summary>Formats <paramref name="bytes"/> as MiB with one decimal.</summary>
    public static string Mib(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
}
