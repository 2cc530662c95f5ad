using System.Globalization;
using System.Text;
using CMix.Analysis;

namespace CMix.Cli.Analysis;

/// <summary>
/// <c>--html</c>: one self-contained page (inline CSS, no script, no network) that shows the
/// sampled bytes (<see cref="CostSample"/>) coloured by their cost in bits, with a legend: as
/// text when the sample looks like text (UTF-8 characters take the mean cost of their bytes),
/// else as a hex dump, 16 bytes a row with an ASCII column. Neighbouring bytes of one colour
/// share one element, so a page of 64 KiB of text stays around a megabyte.
/// </summary>
internal static class HtmlReport
{
    /// <summary>Share of control bytes in the sample above which it is shown as hex.</summary>
    private const double BinaryShare = 0.05;

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Render(AnalysisResult r)
    {
        CostSummary s = r.Summary;
        var parts = r.Sample.Parts();
        long binary = 0, shown = 0;
        foreach (var (_, bytes, _) in parts)
        {
            shown += bytes.Length;
            foreach (byte b in bytes)
            {
                binary += CostProfile.KindOf(b) == ByteKind.Binary ? 1 : 0;
            }
        }

        bool hex = shown > 0 && binary > BinaryShare * shown;
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        h.Append(C, $"<title>cmix analyze: {SvgReport.Xml(r.Name)}</title>\n<style>\n");
        h.Append("body{font-family:system-ui,-apple-system,'DejaVu Sans',sans-serif;margin:24px;color:#111;background:#fff}\n");
        h.Append("h1{font-size:20px;margin:0 0 6px}h2{font-size:15px;margin:18px 0 6px;color:#333}p{margin:4px 0;color:#333}\n");
        h.Append(".t{font-family:'DejaVu Sans Mono',ui-monospace,Menlo,Consolas,monospace;font-size:13px;line-height:1.45;white-space:pre-wrap;word-break:break-all;border:1px solid #ccc;padding:8px;background:#fff}\n");
        h.Append(".x td{font-family:'DejaVu Sans Mono',ui-monospace,monospace;font-size:12px;padding:0 1px}.x td.o{color:#777;padding-right:10px}.x td.a{padding-left:12px;white-space:pre}\n");
        h.Append(".legend span{display:inline-block;min-width:54px;padding:2px 4px;margin-right:2px;text-align:center;font-size:12px;border:1px solid #ddd}\n");
        for (int k = 0; k < HeatPalette.Colors.Length; k++)
        {
            h.Append(C, $".c{k}{{background:{HeatPalette.Colors[k]}{(HeatPalette.Dark(k) ? ";color:#fff" : "")}}}\n");
        }

        h.Append("</style></head><body>\n");
        h.Append(C, $"<h1>{SvgReport.Xml(r.Name)}: {s.BitsPerByte:0.000} bits per byte at level {s.Level}</h1>\n");
        h.Append(C, $"<p>{s.Length:N0} bytes cost {s.Bits / 8:N1} bytes (Σ −log2 p over every bit; coded payload {s.CodedBytes:N0} bytes). Each byte is coloured by its own cost in bits under the model that compresses it, having seen everything before it.</p>\n");
        h.Append("<p class=\"legend\">bits per byte: ");
        for (int k = 0; k < HeatPalette.HtmlBounds.Length; k++)
        {
            string label = k + 1 < HeatPalette.HtmlBounds.Length
                ? string.Create(C, $"{HeatPalette.HtmlBounds[k]:0.##}–{HeatPalette.HtmlBounds[k + 1]:0.##}")
                : string.Create(C, $"≥ {HeatPalette.HtmlBounds[k]:0}");
            h.Append(C, $"<span class=\"c{k}\">{label}</span>");
        }

        h.Append("</p>\n");
        if (parts.Count > 1)
        {
            h.Append(C, $"<p>The input is longer than the page shows ({r.Sample.Limit:N0} bytes, <code>--html-bytes</code>): its first and its last {parts[1].Bytes.Length:N0} bytes.</p>\n");
        }

        foreach (var (start, bytes, costs) in parts.Where(p => p.Bytes.Length > 0))
        {
            h.Append(C, $"<h2>bytes {start:N0} – {start + bytes.Length - 1:N0}</h2>\n");
            if (hex)
            {
                Hex(h, start, bytes, costs);
            }
            else
            {
                Text(h, bytes, costs);
            }
        }

        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static int ClassOf(long cost, int bytes) => HeatPalette.HtmlClass(cost / (double)CMix.Numerics.Ilog.One / bytes);

    /// <summary>Text: each character (one UTF-8 sequence, or one byte) in its class's colour; runs of a class share a span.</summary>
    private static void Text(StringBuilder h, byte[] bytes, int[] costs)
    {
        h.Append("<div class=\"t\">");
        int open = -1;
        int i = 0;
        while (i < bytes.Length)
        {
            int n = SequenceLength(bytes, i);
            long cost = 0;
            for (int j = i; j < i + n; j++)
            {
                cost += costs[j];
            }

            int k = ClassOf(cost, n);
            if (k != open)
            {
                if (open >= 0)
                {
                    h.Append("</span>");
                }

                h.Append(C, $"<span class=\"c{k}\">");
                open = k;
            }

            Append(h, bytes.AsSpan(i, n));
            i += n;
        }

        if (open >= 0)
        {
            h.Append("</span>");
        }

        h.Append("</div>\n");
    }

    /// <summary>Bytes of the valid UTF-8 sequence at <paramref name="i"/>, or 1.</summary>
    private static int SequenceLength(byte[] bytes, int i)
    {
        byte b = bytes[i];
        int n = b switch { >= 0xC2 and <= 0xDF => 2, >= 0xE0 and <= 0xEF => 3, >= 0xF0 and <= 0xF4 => 4, _ => 1 };
        if (n == 1 || i + n > bytes.Length)
        {
            return 1;
        }

        for (int j = i + 1; j < i + n; j++)
        {
            if ((bytes[j] & 0xC0) != 0x80)
            {
                return 1;
            }
        }

        return System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(i, n)) ? n : 1;
    }

    private static void Append(StringBuilder h, ReadOnlySpan<byte> sequence)
    {
        if (sequence.Length > 1)
        {
            h.Append(Encoding.UTF8.GetString(sequence));
            return;
        }

        byte b = sequence[0];
        h.Append(b switch
        {
            (byte)'&' => "&amp;",
            (byte)'<' => "&lt;",
            (byte)'>' => "&gt;",
            (byte)'\n' => "\n",
            (byte)'\t' => "\t",
            (byte)'\r' => "",
            < 0x20 or 0x7F or >= 0x80 => "·",
            _ => ((char)b).ToString(),
        });
    }

    /// <summary>Hex: 16 bytes a row, offset, the bytes in their class's colour, and their ASCII.</summary>
    private static void Hex(StringBuilder h, long start, byte[] bytes, int[] costs)
    {
        h.Append("<table class=\"x\">\n");
        for (int row = 0; row < bytes.Length; row += 16)
        {
            h.Append(C, $"<tr><td class=\"o\">{start + row:x8}</td>");
            var ascii = new StringBuilder();
            for (int i = row; i < row + 16; i++)
            {
                if (i >= bytes.Length)
                {
                    h.Append("<td></td>");
                    continue;
                }

                byte b = bytes[i];
                h.Append(C, $"<td class=\"c{ClassOf(costs[i], 1)}\">{b:x2}</td>");
                ascii.Append(b is >= 0x20 and < 0x7F ? b switch { (byte)'&' => "&amp;", (byte)'<' => "&lt;", (byte)'>' => "&gt;", _ => ((char)b).ToString() } : "·");
            }

            h.Append("<td class=\"a\">").Append(ascii).Append("</td></tr>\n");
        }

        h.Append("</table>\n");
    }
}
