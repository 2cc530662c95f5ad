using System.Globalization;
using System.Net;
using System.Text;

namespace CMix.CorpusBench;

/// <summary>
/// Draws the history as a self-contained SVG: three panels sharing the commit axis — total bits per
/// byte (lower is better), compression throughput in MB/s, and that throughput divided by xz -9e's
/// in the same run (steadier than MB/s on a shared machine) — with one line per level. Points
/// are the <c>TOTAL</c> rows of the history; when a commit was measured more than once, its last
/// run counts. Written by hand (no package): plain SVG 1.1 that browsers and rsvg render alike.
/// </summary>
internal static class HistoryChart
{
    private const int Width = 960;
    private const int PanelHeight = 220;
    private const int Left = 70;
    private const int Right = 150;
    private const int Top = 50;
    private const int Gap = 60;
    private const int Bottom = 90;

    private static readonly string[] s_colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"];

    /// <summary>Reads <paramref name="historyPath"/> and writes the chart to <paramref name="svgPath"/>; returns the exit code.</summary>
    public static int Write(string historyPath, string svgPath)
    {
        if (!File.Exists(historyPath))
        {
            Console.Error.WriteLine($"error: no history at {RepoPaths.Show(historyPath)}; append some with --append-history");
            return 1;
        }

        var totals = History.Read(historyPath).Where(r => r.File == Report.TotalName).ToList();
        if (totals.Count == 0)
        {
            Console.Error.WriteLine($"error: {RepoPaths.Show(historyPath)} has no TOTAL rows to plot");
            return 1;
        }

        File.WriteAllText(svgPath, Render(totals));
        Console.WriteLine($"wrote {RepoPaths.Show(svgPath)} ({totals.Select(t => t.Commit).Distinct().Count()} commits)");
        return 0;
    }

    /// <summary>Renders the chart for the given TOTAL rows.</summary>
    public static string Render(IReadOnlyList<History.Row> totals)
    {
        var commits = totals.Select(t => t.Commit).Distinct().ToList();
        var levels = totals.Select(t => t.Level).Distinct().Order().ToList();
        var last = new Dictionary<(string, int), History.Row>();
        foreach (var t in totals)
        {
            last[(t.Commit, t.Level)] = t;
        }

        int height = Top + 3 * PanelHeight + 2 * Gap + Bottom;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{height}\" fill=\"white\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"24\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">CMix over commits (totals of each benchmark run)</text>\n");

        Panel(sb, Top, "bits per byte (lower is better)", commits, levels, last, r => r.Bpb, "F3", showCommits: false);
        Panel(sb, Top + PanelHeight + Gap, "compression MB/s (higher is better)", commits, levels, last, r => r.CompressMBps, "F3", showCommits: false);
        Panel(sb, Top + 2 * (PanelHeight + Gap), "compression speed ÷ xz -9e's in the same run", commits, levels, last, r => r.XzRatio, "F3", showCommits: true);

        // Legend, right of the panels.
        int lx = Width - Right + 20;
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{lx}\" y=\"{Top + 10}\" font-weight=\"bold\">level</text>\n");
        for (int i = 0; i < levels.Count; i++)
        {
            int ly = Top + 30 + i * 20;
            string color = s_colors[i % s_colors.Length];
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{lx}\" y1=\"{ly - 4}\" x2=\"{lx + 24}\" y2=\"{ly - 4}\" stroke=\"{color}\" stroke-width=\"2.5\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{lx + 12}\" cy=\"{ly - 4}\" r=\"3.5\" fill=\"{color}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{lx + 32}\" y=\"{ly}\">cmix -{levels[i]}</text>\n");
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static void Panel(StringBuilder sb, int top, string title, List<string> commits, List<int> levels,
        Dictionary<(string, int), History.Row> points, Func<History.Row, double?> value, string format, bool showCommits)
    {
        var inv = CultureInfo.InvariantCulture;
        int plotWidth = Width - Left - Right;
        var values = points.Values.Select(value).OfType<double>().ToList();
        (double lo, double hi) = values.Count > 0 ? NiceRange(values.Min(), values.Max()) : (0, 1);
        double X(int i) => Left + (commits.Count == 1 ? plotWidth / 2.0 : i * plotWidth / (double)(commits.Count - 1));
        double Y(double v) => top + PanelHeight - (v - lo) / (hi - lo) * PanelHeight;

        sb.Append(inv, $"<text x=\"{Left}\" y=\"{top - 8}\" font-weight=\"bold\">{WebUtility.HtmlEncode(title)}</text>\n");
        sb.Append(inv, $"<rect x=\"{Left}\" y=\"{top}\" width=\"{plotWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#444\"/>\n");
        const int Ticks = 5;
        for (int t = 0; t <= Ticks; t++)
        {
            double v = lo + (hi - lo) * t / Ticks;
            double y = Y(v);
            sb.Append(inv, $"<line x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Left + plotWidth}\" y2=\"{y:F1}\" stroke=\"#ddd\"/>");
            sb.Append(inv, $"<text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{v.ToString(format, inv)}</text>\n");
        }

        for (int i = 0; i < commits.Count; i++)
        {
            double x = X(i);
            sb.Append(inv, $"<line x1=\"{x:F1}\" y1=\"{top}\" x2=\"{x:F1}\" y2=\"{top + PanelHeight}\" stroke=\"#f0f0f0\"/>\n");
            if (showCommits)
            {
                double ly = top + PanelHeight + 12;
                sb.Append(inv, $"<text x=\"{x:F1}\" y=\"{ly:F1}\" text-anchor=\"end\" font-family=\"monospace\" font-size=\"10\" transform=\"rotate(-40 {x:F1} {ly:F1})\">{WebUtility.HtmlEncode(commits[i])}</text>\n");
            }
        }

        for (int l = 0; l < levels.Count; l++)
        {
            string color = s_colors[l % s_colors.Length];
            var series = commits.Select((c, i) => (i, row: points.GetValueOrDefault((c, levels[l])))).Where(p => p.row is not null && value(p.row) is not null).ToList();
            if (series.Count > 1)
            {
                string path = string.Join(' ', series.Select((p, k) => string.Create(inv, $"{(k == 0 ? 'M' : 'L')}{X(p.i):F1},{Y(value(p.row!)!.Value):F1}")));
                sb.Append(inv, $"<path d=\"{path}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2.5\"/>\n");
            }

            foreach (var (i, row) in series)
            {
                double v = value(row!)!.Value;
                sb.Append(inv, $"<circle cx=\"{X(i):F1}\" cy=\"{Y(v):F1}\" r=\"3.5\" fill=\"{color}\"><title>{WebUtility.HtmlEncode($"{row!.Commit} level {row.Level}: {v.ToString(format, inv)}")}</title></circle>\n");
            }
        }
    }

    /// <summary>A padded axis range that contains both values and is never empty.</summary>
    private static (double Lo, double Hi) NiceRange(double min, double max)
    {
        double span = max - min;
        double pad = span > 0 ? span * 0.1 : Math.Max(Math.Abs(max) * 0.05, 0.01);
        return (Math.Max(0, min - pad), max + pad);
    }
}
