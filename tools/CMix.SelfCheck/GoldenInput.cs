using System.Buffers.Binary;
using System.Text;

namespace CMix.SelfCheck;

/// <summary>
/// The deterministic input behind the golden archives: pseudo-English MediaWiki-style text
/// (words, punctuation, markup, numbers) from a fixed xorshift generator, so regenerating it
/// anywhere gives the same bytes. Small (32 KiB) so the arm64 check under qemu stays fast.
/// </summary>
public static class GoldenInput
{
    /// <summary>Length of <see cref="Generate()"/>'s output.</summary>
    public const int Length = 32 * 1024;

    private static readonly string[] s_words =
    [
        "the", "of", "and", "in", "to", "a", "is", "was", "for", "as", "by", "with", "on", "that",
        "from", "his", "it", "at", "are", "which", "an", "be", "or", "this", "were", "also", "has",
        "first", "city", "river", "music", "history", "century", "language", "people", "government",
        "population", "university", "national", "station", "system", "computer", "compression",
        "entropy", "probability", "model", "context", "mixing", "arithmetic", "coder", "prediction",
        "encyclopedia", "article", "north", "south", "known", "between", "during", "after", "world",
    ];

    /// <summary>The golden input, <see cref="Length"/> bytes.</summary>
    public static byte[] Generate() => Generate(Length);

    /// <summary>The first <paramref name="length"/> bytes of the same text stream (benchmarks use longer runs).</summary>
    public static byte[] Generate(int length)
    {
        var sb = new StringBuilder(length + 256);
        uint s = 0x2545F491u;
        uint Next(uint bound)
        {
            // xorshift32 (Marsaglia 2003); fixed, platform independent.
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            return s % bound;
        }

        int article = 0;
        while (sb.Length < length)
        {
            article++;
            sb.Append("<page>\n  <title>").Append(Cap(s_words[Next((uint)s_words.Length)])).Append(' ').Append(article).Append("</title>\n  <text>");
            int sentences = 3 + (int)Next(12);
            for (int i = 0; i < sentences; i++)
            {
                int words = 4 + (int)Next(14);
                for (int j = 0; j < words; j++)
                {
                    string word = s_words[Next((uint)s_words.Length)];
                    uint kind = Next(40);
                    if (j == 0)
                    {
                        sb.Append(Cap(word));
                    }
                    else if (kind == 0)
                    {
                        sb.Append("[[").Append(word).Append("]]");
                    }
                    else if (kind == 1)
                    {
                        sb.Append(1000 + Next(1100));
                    }
                    else if (kind == 2)
                    {
                        sb.Append("'''").Append(word).Append("'''");
                    }
                    else
                    {
                        sb.Append(word);
                    }

                    sb.Append(j + 1 < words ? (Next(12) == 0 ? ", " : " ") : ". ");
                }

                if (Next(5) == 0)
                {
                    sb.Append("\n\n== ").Append(Cap(s_words[Next((uint)s_words.Length)])).Append(" ==\n");
                }
            }

            sb.Append("</text>\n</page>\n");
        }

        byte[] all = Encoding.ASCII.GetBytes(sb.ToString());
        return all.AsSpan(0, length).ToArray();
    }

    /// <summary>Length of <see cref="GenerateBinary"/>'s output.</summary>
    public const int BinaryLength = 16 * 1024;

    /// <summary>
    /// The binary golden input: an x86-64 ELF header (so the x86 CALL/JMP transform is chosen),
    /// then code-like bytes from the same xorshift generator — E8/E9 calls and jumps with near
    /// relative targets, common opcode bytes, runs of zeros and control bytes (0x00-0x1F, 0x7F) —
    /// and a small string table. It pins the binary contexts and the transform byte for byte.
    /// </summary>
    public static byte[] GenerateBinary()
    {
        var b = new byte[BinaryLength];
        ReadOnlySpan<byte> elf =
        [
            0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // ident: 64-bit, LE, SysV
            2, 0, 0x3E, 0, 1, 0, 0, 0, 0x40, 0x10, 0x40, 0, 0, 0, 0, 0,              // ET_EXEC, x86-64, entry
            0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,                        // phoff, shoff
            0, 0, 0, 0, 0x40, 0, 0x38, 0, 1, 0, 0x40, 0, 0, 0, 0, 0,                  // sizes and counts
        ];
        elf.CopyTo(b);
        uint s = 0x1CE4E5B9u;
        uint Next(uint bound)
        {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            return s % bound;
        }

        byte[] opcodes = [0x48, 0x89, 0x8B, 0x83, 0xC3, 0x55, 0x5D, 0x31, 0xC0, 0x0F, 0x85, 0x74, 0x75, 0xEB, 0x90, 0xFF];
        int at = elf.Length;
        int stringsAt = BinaryLength - 1024;
        while (at < stringsAt - 8)
        {
            uint kind = Next(16);
            if (kind < 3)
            {
                // CALL/JMP rel32 to a target near here, as compilers emit them.
                b[at] = kind == 0 ? (byte)0xE9 : (byte)0xE8;
                int target = (int)Next(4096) - 2048;
                BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(at + 1), target);
                at += 5;
            }
            else if (kind < 5)
            {
                int run = 1 + (int)Next(8);
                at += run;  // zeros (padding, immediates)
            }
            else if (kind == 5)
            {
                b[at++] = (byte)(Next(2) == 0 ? 0x7F : Next(32));  // control bytes
            }
            else
            {
                b[at++] = opcodes[Next((uint)opcodes.Length)];
            }
        }

        string[] names = ["main", "printf", "malloc", "free", "memcpy", ".text", ".data", ".bss", "libc.so.6", "GLIBC_2.2.5"];
        at = stringsAt;
        while (at < BinaryLength - 16)
        {
            foreach (byte c in Encoding.ASCII.GetBytes(names[Next((uint)names.Length)]))
            {
                b[at++] = c;
            }

            b[at++] = 0;
        }

        return b;
    }

    private static string Cap(string w) => char.ToUpperInvariant(w[0]) + w[1..];
}
