using System.Diagnostics;

namespace CMix.Memory;

/// <summary>Fills tables whose rows all start equal (APM bins, mixer weight sets).</summary>
internal static class Rows
{
    /// <summary>
    /// Copies the first <paramref name="rowLength"/> elements of <paramref name="table"/> over the
    /// rest of it (whose length is a multiple of the row's). The copied prefix doubles each step,
    /// so a table of n rows takes log2(n) block copies: building a 69 MB APM element by element
    /// was most of level 4's set-up time, paid again for every file.
    /// </summary>
    public static void Replicate<T>(Span<T> table, int rowLength)
    {
        Debug.Assert(rowLength > 0 && table.Length % rowLength == 0);
        int filled = Math.Min(rowLength, table.Length);
        while (filled < table.Length)
        {
            int count = Math.Min(filled, table.Length - filled);
            table[..count].CopyTo(table.Slice(filled, count));
            filled += count;
        }
    }
}
