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

    private static string Cap(string w) => char.ToUpperInvariant(w[0]) + w[1..];
}
