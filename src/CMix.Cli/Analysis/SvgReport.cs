using System.Globalization;
using System.Text;
using CMix.Analysis;

namespace CMix.Cli.Analysis;

/// <summary>
/// <c>--svg</c>: the learning curve, bits per byte against position on a log axis (each log
/// window's own rate, and the running average from the start), over a heat strip of the linear
/// windows' cost along the file on a linear axis, with the colour scale. Plain SVG 1.1: no
/// scripts, no external resources, so rsvg-convert and browsers draw it alike.
/// </summary>
internal static class SvgReport
{
    private const int Width = 960;
    private const int Height = 520;
    private const double X0 = 70, X1 = 930, Y0 = 56, Y1 = 320;  // the curve's plot area
    private const double StripTop = 392, StripBottom = 422;
    private const double LegendTop = 470;
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Render(AnalysisResult r)
    {
        CostSummary s = r.Summary;
        long length = Math.Max(s.Length, 1);
        var svg = new StringBuilder();
        svg.Append(C, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        svg.Append(C, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>\n");
        svg.Append(C, $"<text x=\"{X0}\" y=\"24\" font-size=\"15\" font-weight=\"bold\">{Xml(Path.GetFileName(r.Name))}: {s.BitsPerByte:0.000} bits per byte at level {s.Level} ({s.Length:N0} bytes cost {s.Bits / 8:N0})</text>\n");
        svg.Append(C, $"<text x=\"{X0}\" y=\"42\" fill=\"#555555\">learning curve: bits per byte of each stretch (thin) and from the start (thick); position on a log axis</text>\n");

        // Learning curve.
        var log = r.Profile.LogWindows;
        var points = new List<(double X, double Own, double Running)>();
        long cumulative = 0;
        foreach (var w in log)
        {
            cumulative += w.Cost;
            long end = w.Start + w.Bytes;
            double center = Math.Sqrt((w.Start + 1.0) * end);
            points.Add((center, w.BitsPerByte, cumulative / (double)CMix.Numerics.Ilog.One / end));
        }

        double top = points.Count == 0 ? 8 : Math.Max(points.Max(p => p.Own), points.Max(p => p.Running));
        double yMax = Math.Clamp(Math.Ceiling(top / 2) * 2, 2, 16);
        double yStep = yMax <= 8 ? 1 : 2;
        double logEnd = Math.Log10(Math.Max(length, 10));
        double Xlog(double p) => X0 + ((X1 - X0) * Math.Log10(Math.Max(p, 1)) / logEnd);
        double Y(double bpb) => Y1 - ((Y1 - Y0) * Math.Min(bpb, yMax) / yMax);

        svg.Append(C, $"<rect x=\"{X0}\" y=\"{Y0}\" width=\"{X1 - X0}\" height=\"{Y1 - Y0}\" fill=\"#fafafa\" stroke=\"#999999\"/>\n");
        for (double v = 0; v <= yMax + 1e-9; v += yStep)
        {
            svg.Append(C, $"<line x1=\"{X0}\" y1=\"{Y(v):0.#}\" x2=\"{X1}\" y2=\"{Y(v):0.#}\" stroke=\"#e2e2e2\"/><text x=\"{X0 - 8}\" y=\"{Y(v) + 4:0.#}\" text-anchor=\"end\">{v:0}</text>\n");
        }

        for (int e = 0; Math.Pow(10, e) <= length; e++)
        {
            double major = Math.Pow(10, e);
            double x = Xlog(major);
            svg.Append(C, $"<line x1=\"{x:0.#}\" y1=\"{Y0}\" x2=\"{x:0.#}\" y2=\"{Y1}\" stroke=\"#d0d0d0\"/><line x1=\"{x:0.#}\" y1=\"{Y1}\" x2=\"{x:0.#}\" y2=\"{Y1 + 6}\" stroke=\"#333333\"/><text x=\"{x:0.#}\" y=\"{Y1 + 19}\" text-anchor=\"middle\">{Decimal((long)major)}</text>\n");
            for (int m = 2; m <= 9 && major * m <= length; m++)
            {
                double xm = Xlog(major * m);
                svg.Append(C, $"<line x1=\"{xm:0.#}\" y1=\"{Y1}\" x2=\"{xm:0.#}\" y2=\"{Y1 + 3}\" stroke=\"#333333\"/>");
            }
        }

        svg.Append(C, $"\n<text x=\"{(X0 + X1) / 2}\" y=\"{Y1 + 36}\" text-anchor=\"middle\">position in the file (bytes, log scale)</text>\n");
        svg.Append(C, $"<text transform=\"translate({X0 - 42} {(Y0 + Y1) / 2}) rotate(-90)\" text-anchor=\"middle\">bits per byte</text>\n");
        if (points.Count > 0)
        {
            svg.Append("<polyline fill=\"none\" stroke=\"#9ecae1\" stroke-width=\"1.2\" points=\"");
            foreach (var p in points)
            {
                svg.Append(C, $"{Xlog(p.X):0.##},{Y(p.Own):0.##} ");
            }

            svg.Append("\"/>\n<polyline fill=\"none\" stroke=\"#08519c\" stroke-width=\"2.5\" points=\"");
            foreach (var p in points)
            {
                svg.Append(C, $"{Xlog(p.X):0.##},{Y(p.Running):0.##} ");
            }

            svg.Append("\"/>\n");
        }

        svg.Append(C, $"<line x1=\"{X1 - 250}\" y1=\"{Y0 + 16}\" x2=\"{X1 - 225}\" y2=\"{Y0 + 16}\" stroke=\"#9ecae1\" stroke-width=\"1.5\"/><text x=\"{X1 - 218}\" y=\"{Y0 + 20}\">each stretch</text>");
        svg.Append(C, $"<line x1=\"{X1 - 130}\" y1=\"{Y0 + 16}\" x2=\"{X1 - 105}\" y2=\"{Y0 + 16}\" stroke=\"#08519c\" stroke-width=\"2.5\"/><text x=\"{X1 - 98}\" y=\"{Y0 + 20}\">from the start</text>\n");

        // Heat strip: linear windows grouped into at most one column per unit of width.
        var windows = r.Profile.Windows;
        int group = Math.Max(1, (int)Math.Ceiling(windows.Count / (X1 - X0)));
        var columns = new List<(long Start, long Bytes, double Bpb)>();
        for (int i = 0; i < windows.Count; i += group)
        {
            long bytes = 0, cost = 0;
            for (int j = i; j < Math.Min(windows.Count, i + group); j++)
            {
                bytes += windows[j].Bytes;
                cost += windows[j].Cost;
            }

            columns.Add((windows[i].Start, bytes, cost / (double)CMix.Numerics.Ilog.One / bytes));
        }

        double scale = columns.Count == 0 ? 8 : Math.Clamp(Math.Ceiling(columns.Max(c => c.Bpb)), 1, 8);
        svg.Append(C, $"<text x=\"{X0}\" y=\"{StripTop - 10}\" fill=\"#555555\">cost along the file: bits per byte of each stretch of {TextReport.Size(r.Profile.WindowSize * group)} bytes (linear position)</text>\n<g shape-rendering=\"crispEdges\">");
        double xs(long p) => X0 + ((X1 - X0) * p / (double)length);
        foreach (var c in columns)
        {
            double x = xs(c.Start), w = Math.Max(xs(c.Start + c.Bytes) - x, 0.5);
            svg.Append(C, $"<rect x=\"{x:0.##}\" y=\"{StripTop}\" width=\"{w + 0.3:0.##}\" height=\"{StripBottom - StripTop}\" fill=\"{HeatPalette.At(c.Bpb / scale)}\"/>");
        }

        svg.Append(C, $"</g>\n<rect x=\"{X0}\" y=\"{StripTop}\" width=\"{X1 - X0}\" height=\"{StripBottom - StripTop}\" fill=\"none\" stroke=\"#999999\"/>\n");
        long step = RoundStep(length, 8);
        for (long p = 0; p <= length; p += step)
        {
            svg.Append(C, $"<line x1=\"{xs(p):0.#}\" y1=\"{StripBottom}\" x2=\"{xs(p):0.#}\" y2=\"{StripBottom + 5}\" stroke=\"#333333\"/><text x=\"{xs(p):0.#}\" y=\"{StripBottom + 18}\" text-anchor=\"middle\">{Decimal(p)}</text>");
        }

        // Colour scale.
        svg.Append("\n<defs><linearGradient id=\"heat\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">");
        for (int k = 0; k < HeatPalette.Colors.Length; k++)
        {
            svg.Append(C, $"<stop offset=\"{k / (double)(HeatPalette.Colors.Length - 1):0.###}\" stop-color=\"{HeatPalette.Colors[k]}\"/>");
        }

        svg.Append("</linearGradient></defs>\n");
        svg.Append(C, $"<rect x=\"{X0}\" y=\"{LegendTop}\" width=\"300\" height=\"14\" fill=\"url(#heat)\" stroke=\"#999999\"/>");
        svg.Append(C, $"<text x=\"{X0}\" y=\"{LegendTop + 28}\" text-anchor=\"middle\">0</text><text x=\"{X0 + 150}\" y=\"{LegendTop + 28}\" text-anchor=\"middle\">{scale / 2:0.#}</text><text x=\"{X0 + 300}\" y=\"{LegendTop + 28}\" text-anchor=\"middle\">{scale:0.#}</text>");
        svg.Append(C, $"<text x=\"{X0 + 316}\" y=\"{LegendTop + 12}\">bits per byte</text>\n</svg>\n");
        return svg.ToString();
    }

    /// <summary>A tick step of 1, 2 or 5 × 10^n that gives at most <paramref name="ticks"/> steps over <paramref name="length"/>.</summary>
    internal static long RoundStep(long length, int ticks)
    {
        for (long p = 1; ; p *= 10)
        {
            foreach (long m in (long[])[1, 2, 5])
            {
                if (length / (m * p) < ticks)
                {
                    return m * p;
                }
            }
        }
    }

    /// <summary>A round decimal position: 0, 500, 1k, 20k, 1.5M, 100M, 1G.</summary>
    internal static string Decimal(long v) => v switch
    {
        < 1000 => v.ToString(C),
        < 1_000_000 => (v / 1e3).ToString("0.#", C) + "k",
        < 1_000_000_000 => (v / 1e6).ToString("0.#", C) + "M",
        _ => (v / 1e9).ToString("0.#", C) + "G",
    };

    /// <summary>Text escaped for XML and HTML; control characters, which XML 1.0 cannot hold, become '?'.</summary>
    internal static string Xml(string text) =>
        new string([.. text.Select(ch => ch < ' ' ? '?' : ch)]).Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
