namespace CMix.Models;

/// <summary>
/// Eight coarse classes of a byte, as text sees it: space, lower case, upper case, digit, markup
/// punctuation (<c>&lt;&gt;[]{}|=</c>), newline, a byte ≥ 128 (UTF-8 text), anything else. Mixer
/// weight sets are chosen by them, so the table is part of the format (a checksum test pins it).
/// </summary>
public static class ByteClass
{
    /// <summary>Number of classes.</summary>
    public const int Count = 8;

    /// <summary>Class of a space.</summary>
    public const int Space = 0;

    /// <summary>Class of a–z.</summary>
    public const int Lower = 1;

    /// <summary>Class of A–Z.</summary>
    public const int Upper = 2;

    /// <summary>Class of 0–9.</summary>
    public const int Digit = 3;

    /// <summary>Class of the markup characters &lt; &gt; [ ] { } | =.</summary>
    public const int Markup = 4;

    /// <summary>Class of a newline (LF).</summary>
    public const int Newline = 5;

    /// <summary>Class of a byte ≥ 128 (part of a UTF-8 sequence in text).</summary>
    public const int HighBit = 6;

    /// <summary>Class of every other byte.</summary>
    public const int Other = 7;

    private static readonly byte[] s_table = Build();

    /// <summary>The class table, indexed by byte (for checksum tests).</summary>
    internal static ReadOnlySpan<byte> Table => s_table;

    /// <summary>The class of byte <paramref name="c"/> (0..255).</summary>
    public static int Of(int c) => s_table[c];

    /// <summary>Whether class <paramref name="cls"/> is part of a word: a letter of either case or a UTF-8 byte.</summary>
    public static bool IsWord(int cls) => cls is Lower or Upper or HighBit;

    private static byte[] Build()
    {
        var t = new byte[256];
        for (int c = 0; c < 256; c++)
        {
            t[c] = (byte)(c switch
            {
                ' ' => Space,
                >= 'a' and <= 'z' => Lower,
                >= 'A' and <= 'Z' => Upper,
                >= '0' and <= '9' => Digit,
                '<' or '>' or '[' or ']' or '{' or '}' or '|' or '=' => Markup,
                '\n' => Newline,
                >= 128 => HighBit,
                _ => Other,
            });
        }

        return t;
    }
}
