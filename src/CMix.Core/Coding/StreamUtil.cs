namespace CMix.Coding;

/// <summary>Small stream helpers shared by the container code.</summary>
internal static class StreamUtil
{
    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns bytes read.</summary>
    public static int ReadAtMost(Stream s, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = s.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    /// <summary>Reads exactly buffer.Length bytes or throws a truncation error naming <paramref name="what"/>.</summary>
    public static void ReadExactly(Stream s, Span<byte> buffer, string what)
    {
        if (ReadAtMost(s, buffer) != buffer.Length)
        {
            throw new CmixFormatException($"truncated archive: {what} is incomplete");
        }
    }
}
