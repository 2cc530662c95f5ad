using System.Globalization;
using System.Net;
using System.Text;

namespace CMix.CorpusBench;

/// <summary>
/// Draws the history as a self-contained SVG: four panels sharing the commit axis — bits per byte
/// of the total (linear), compression and decompression MB/s and peak memory (log axes) — with
/// one line per CMix level, xz -9e and zstd -19 --long as dashed reference steps where the
/// history has them, and a marked vertical line wherever the model version changed between two
/// commits (the levels were redefined there). The x axis has one tick per commit, labelled with
/// its model version and its run's date and commit. Written by hand (no package): plain SVG 1.1
/// that browsers and rsvg render alike.
/// </summary>
internal static class HistoryChart
{
    private const int Width = 1000;
    private const int Left = 72;
    private const int Right = 200;
    private const int Top = 114;
    private const int PanelHeight = 190;
    private const int Gap = 62;
    private const int Bottom = 150;
    private const int PlotWidth = Width - Left - Right;

    /// <summary>Space kept between the frame and the first and last commits, px.</summary>
    private const int Inset = 16;

    /// <summary>The narrowest slot per commit that still gets every rotated date label.</summary>
    private const double MinLabelSlot = 16;

    /// <summary>The narrowest slot per commit that still gets every model version label.</summary>
    private const double MinVersionSlot = 26;

    private const string VersionColor = "#c0392b";

    // Colour by level number, so a level keeps its colour whichever levels a history holds.
    private static readonly string[] s_levelColors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"];

    private static readonly (string Peer, string Dash)[] s_references = [(PeerCompressor.XzReference, "8 4"), ("zstd -19 --long", "2 3")];

    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    private sealed record Panel(string Title, bool Log, string Format, Func<HistoryRow, double?> Value);

    private static readonly Panel[] s_panels =
    [
        new("size: bits per byte of the total (lower is better)", Log: false, "F3", r => r.Bpb),
        new("compression speed, MB/s (log scale; higher is better)", Log: true, "F4", r => r.CompressMBps),
        new("decompression speed, MB/s (log scale; higher is better)", Log: true, "F4", r => r.DecompressMBps),
        new("peak memory, MiB (log scale; lower is better)", Log: true, "N1", r => r.PeakRssMiB),
    ];

    /// <summary>Reads <paramref name="historyPath"/> and writes the chart to <paramref name="svgPath"/>; returns the exit code.</summary>
    public static int Write(string historyPath, string svgPath)
    {
        if (!File.Exists(historyPath))
        {
            Console.Error.WriteLine($"error: no history at {RepoPaths.Show(historyPath)}; a --results or --append-history run writes it");
            return 1;
        }

        var runs = HistoryRun.From(History.Read(historyPath));
        if (runs.Count == 0)
        {
            Console.Error.WriteLine($"error: {RepoPaths.Show(historyPath)} has no TOTAL rows to plot");
            return 1;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(svgPath)!);
        File.WriteAllText(svgPath, Render(runs));
        Console.WriteLine($"wrote {RepoPaths.Show(svgPath)} ({runs.Count} commits)");
        return 0;
    }

    /// <summary>Renders the chart of <paramref name="runs"/> (at least one).</summary>
    public static string Render(IReadOnlyList<HistoryRun> runs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        var levels = runs.SelectMany(r => r.Levels.Keys).Distinct().Order().ToList();
        var references = s_references.Where(p => runs.Any(r => r.Peers.ContainsKey(p.Peer))).ToList();
        int height = Top + s_panels.Length * PanelHeight + (s_panels.Length - 1) * Gap + Bottom;
        var sb = new StringBuilder();
        sb.Append(s_inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append(s_inv, $"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{height}\" fill=\"white\"/>\n");
        sb.Append(s_inv, $"<text x=\"{Left}\" y=\"26\" font-size=\"17\" font-weight=\"bold\">CMix over commits</text>\n");
        long inputBytes = runs.SelectMany(r => r.Levels.Values).Select(t => t.Bytes).LastOrDefault();
        Text(sb, Left, 46, string.Create(s_inv, $"Totals of each benchmark run ({inputBytes:N0} input bytes); one tick per commit, its last run; CMix at every level measured, peers as dashed steps."), "#333");
        Text(sb, Left, 64, "A red dashed line marks a model version change: the levels were redefined there, so their lines jump by design.", "#333");

        for (int p = 0; p < s_panels.Length; p++)
        {
            DrawPanel(sb, Top + p * (PanelHeight + Gap), s_panels[p], runs, levels, references, labels: p == s_panels.Length - 1);
        }

        bool versionChanges = runs.Zip(runs.Skip(1)).Any(p => p.First.ModelVersion is int a && p.Second.ModelVersion is int b && a != b);
        DrawLegend(sb, levels, references, versionChanges);
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static double X(int i, int count) =>
        count == 1 ? Left + PlotWidth / 2.0 : Left + Inset + i * (PlotWidth - 2.0 * Inset) / (count - 1);

    private static double Slot(int count) => count == 1 ? PlotWidth / 2.0 : (PlotWidth - 2.0 * Inset) / (count - 1);

    private static void DrawPanel(StringBuilder sb, int top, Panel panel, IReadOnlyList<HistoryRun> runs, List<int> levels,
        List<(string Peer, string Dash)> references, bool labels)
    {
        int bottom = top + PanelHeight;
        var cmix = runs.SelectMany(r => r.Levels.Values);
        var peers = runs.SelectMany(r => references.Select(p => r.Peers.GetValueOrDefault(p.Peer)).OfType<HistoryRow>());
        var values = cmix.Concat(peers).Select(panel.Value).OfType<double>().Where(v => !panel.Log || v > 0).ToList();
        sb.Append(s_inv, $"<text x=\"{Left}\" y=\"{top - 24}\" font-size=\"13\" font-weight=\"bold\">{Encode(panel.Title)}</text>\n");
        sb.Append(s_inv, $"<rect x=\"{Left}\" y=\"{top}\" width=\"{PlotWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#444\"/>\n");
        DrawRunGrid(sb, top, runs.Count);
        DrawVersionChanges(sb, top, runs);
        if (labels)
        {
            DrawRunLabels(sb, bottom, runs);
        }

        if (values.Count == 0)
        {
            sb.Append(s_inv, $"<text x=\"{Left + PlotWidth / 2}\" y=\"{top + PanelHeight / 2}\" text-anchor=\"middle\" fill=\"#777\">not measured in these runs</text>\n");
            return;
        }

        var axis = panel.Log ? ChartAxis.Log(values.Min(), values.Max(), bottom, PanelHeight) : ChartAxis.Linear(values.Min(), values.Max(), bottom, PanelHeight);
        foreach (var tick in axis.Ticks)
        {
            double y = axis.Y(tick.Value)!.Value;
            sb.Append(s_inv, $"<line x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Left + PlotWidth}\" y2=\"{y:F1}\" stroke=\"{(tick.Major ? "#c8c8c8" : "#ececec")}\"/>");
            if (tick.Label is not null)
            {
                sb.Append(s_inv, $"<text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\" font-size=\"{(tick.Major ? 11 : 10)}\" fill=\"{(tick.Major ? "#000" : "#555")}\">{tick.Label}</text>");
            }

            sb.Append('\n');
        }

        foreach (var (peer, dash) in references)
        {
            DrawReference(sb, runs, peer, dash, r => r.Peers.GetValueOrDefault(peer) is { } row ? panel.Value(row) : null, axis);
        }

        foreach (int level in levels)
        {
            DrawLevel(sb, runs, level, panel, axis);
        }
    }

    private static void DrawRunGrid(StringBuilder sb, int top, int count)
    {
        for (int i = 0; i < count; i++)
        {
            double x = X(i, count);
            sb.Append(s_inv, $"<line x1=\"{x:F1}\" y1=\"{top}\" x2=\"{x:F1}\" y2=\"{top + PanelHeight}\" stroke=\"#f4f4f4\"/>");
            sb.Append(s_inv, $"<line x1=\"{x:F1}\" y1=\"{top + PanelHeight}\" x2=\"{x:F1}\" y2=\"{top + PanelHeight + 4}\" stroke=\"#444\"/>\n");
        }
    }

    /// <summary>A dashed vertical line between two commits whose model versions differ, labelled with the new version above the panel.</summary>
    private static void DrawVersionChanges(StringBuilder sb, int top, IReadOnlyList<HistoryRun> runs)
    {
        double lastLabel = double.NegativeInfinity;
        for (int i = 1; i < runs.Count; i++)
        {
            if (runs[i].ModelVersion is not int v || runs[i - 1].ModelVersion is not int before || v == before)
            {
                continue;
            }

            double x = (X(i - 1, runs.Count) + X(i, runs.Count)) / 2;
            sb.Append(s_inv, $"<line x1=\"{x:F1}\" y1=\"{top - 4}\" x2=\"{x:F1}\" y2=\"{top + PanelHeight}\" stroke=\"{VersionColor}\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"><title>model version {before} → {v} at {Encode(runs[i].Commit)}</title></line>");
            if (x - lastLabel >= MinVersionSlot)
            {
                sb.Append(s_inv, $"<text x=\"{x:F1}\" y=\"{top - 7}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{VersionColor}\">v{v}</text>");
                lastLabel = x;
            }

            sb.Append('\n');
        }
    }

    /// <summary>Under the bottom panel: each commit's model version, then its date and commit, rotated; thinned so no two overlap.</summary>
    private static void DrawRunLabels(StringBuilder sb, int bottom, IReadOnlyList<HistoryRun> runs)
    {
        double slot = Slot(runs.Count);
        int every = (int)Math.Ceiling(MinLabelSlot / slot);
        double lastVersion = double.NegativeInfinity;
        for (int i = 0; i < runs.Count; i++)
        {
            double x = X(i, runs.Count);
            bool changed = i > 0 && runs[i].ModelVersion != runs[i - 1].ModelVersion;
            if (runs[i].ModelVersion is int v && (slot >= MinVersionSlot || changed || i == 0) && x - lastVersion >= MinVersionSlot)
            {
                sb.Append(s_inv, $"<text x=\"{x:F1}\" y=\"{bottom + 17}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{(changed ? VersionColor : "#333")}\">v{v}</text>\n");
                lastVersion = x;
            }

            if (i % every == 0 || i == runs.Count - 1 && slot * (i % every) >= MinLabelSlot)
            {
                double y = bottom + 28;
                sb.Append(s_inv, $"<text x=\"{x + 3:F1}\" y=\"{y}\" text-anchor=\"end\" font-family=\"monospace\" font-size=\"10\" transform=\"rotate(-45 {x + 3:F1} {y})\">{Encode($"{runs[i].ShortDate} {runs[i].ShortCommit}")}</text>\n");
            }
        }

        sb.Append(s_inv, $"<text x=\"{Left + PlotWidth}\" y=\"{bottom + 17}\" text-anchor=\"start\" dx=\"8\" font-size=\"10\" fill=\"#333\">model version</text>\n");
        sb.Append(s_inv, $"<text x=\"{Left + PlotWidth}\" y=\"{bottom + 40}\" text-anchor=\"start\" dx=\"8\" font-size=\"10\" fill=\"#333\">run date (UTC), commit</text>\n");
    }

    /// <summary>A peer as a dashed step: level across each commit's slot, joined where consecutive commits both have it.</summary>
    private static void DrawReference(StringBuilder sb, IReadOnlyList<HistoryRun> runs, string peer, string dash, Func<HistoryRun, double?> value, ChartAxis axis)
    {
        double half = Math.Min(Slot(runs.Count) / 2, 40);
        var path = new StringBuilder();
        bool open = false;
        for (int i = 0; i < runs.Count; i++)
        {
            if (value(runs[i]) is not double v || axis.Y(v) is not double y)
            {
                open = false;
                continue;
            }

            double x = X(i, runs.Count);
            if (open)
            {
                path.Append(s_inv, $" V{y:F1} H{Math.Min(x + half, Left + PlotWidth):F1}");
            }
            else
            {
                path.Append(s_inv, $" M{Math.Max(x - half, Left):F1},{y:F1} H{Math.Min(x + half, Left + PlotWidth):F1}");
            }
            open = true;
        }

        if (path.Length > 0)
        {
            sb.Append(s_inv, $"<path d=\"{path.ToString().TrimStart()}\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\" stroke-dasharray=\"{dash}\"><title>{Encode(peer)}</title></path>\n");
        }
    }

    /// <summary>A level as a line through its commits (broken where a commit did not measure it), with a dot per commit.</summary>
    private static void DrawLevel(StringBuilder sb, IReadOnlyList<HistoryRun> runs, int level, Panel panel, ChartAxis axis)
    {
        string color = LevelColor(level);
        var points = new List<(int I, double X, double Y, double V)>();
        for (int i = 0; i < runs.Count; i++)
        {
            if (runs[i].Levels.GetValueOrDefault(level) is { } row && panel.Value(row) is double v && axis.Y(v) is double y)
            {
                points.Add((i, X(i, runs.Count), y, v));
            }
        }

        var path = new StringBuilder();
        for (int k = 0; k < points.Count; k++)
        {
            bool join = k > 0 && points[k - 1].I == points[k].I - 1;
            path.Append(s_inv, $"{(join ? " L" : " M")}{points[k].X:F1},{points[k].Y:F1}");
        }

        if (points.Count > 1)
        {
            sb.Append(s_inv, $"<path d=\"{path.ToString().TrimStart()}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"/>\n");
        }

        foreach (var (i, x, y, v) in points)
        {
            string tip = $"{runs[i].Commit} (v{runs[i].ModelVersion?.ToString(s_inv) ?? "?"}) cmix -{level}: {v.ToString(panel.Format, s_inv)}";
            sb.Append(s_inv, $"<circle cx=\"{x:F1}\" cy=\"{y:F1}\" r=\"3\" fill=\"{color}\"><title>{Encode(tip)}</title></circle>\n");
        }
    }

    private static void DrawLegend(StringBuilder sb, List<int> levels, List<(string Peer, string Dash)> references, bool versionChanges)
    {
        int x = Left + PlotWidth + 22;
        int y = Top + 4;
        sb.Append(s_inv, $"<text x=\"{x}\" y=\"{y}\" font-weight=\"bold\">CMix level</text>\n");
        foreach (int level in levels)
        {
            y += 20;
            string color = LevelColor(level);
            sb.Append(s_inv, $"<line x1=\"{x}\" y1=\"{y - 4}\" x2=\"{x + 24}\" y2=\"{y - 4}\" stroke=\"{color}\" stroke-width=\"2\"/><circle cx=\"{x + 12}\" cy=\"{y - 4}\" r=\"3\" fill=\"{color}\"/>");
            sb.Append(s_inv, $"<text x=\"{x + 32}\" y=\"{y}\">cmix -{level}</text>\n");
        }

        if (references.Count > 0)
        {
            y += 34;
            sb.Append(s_inv, $"<text x=\"{x}\" y=\"{y}\" font-weight=\"bold\">reference</text>\n");
            foreach (var (peer, dash) in references)
            {
                y += 20;
                sb.Append(s_inv, $"<line x1=\"{x}\" y1=\"{y - 4}\" x2=\"{x + 24}\" y2=\"{y - 4}\" stroke=\"#333\" stroke-width=\"1.5\" stroke-dasharray=\"{dash}\"/>");
                sb.Append(s_inv, $"<text x=\"{x + 32}\" y=\"{y}\">{Encode(peer)}</text>\n");
            }
        }

        if (!versionChanges)
        {
            return;
        }

        y += 34;
        sb.Append(s_inv, $"<line x1=\"{x + 12}\" y1=\"{y - 12}\" x2=\"{x + 12}\" y2=\"{y + 4}\" stroke=\"{VersionColor}\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"/>");
        sb.Append(s_inv, $"<text x=\"{x + 32}\" y=\"{y - 4}\" font-size=\"11\">model version</text><text x=\"{x + 32}\" y=\"{y + 9}\" font-size=\"11\">changed</text>\n");
    }

    private static string LevelColor(int level) => s_levelColors[(level - 1) % s_levelColors.Length];

    private static void Text(StringBuilder sb, int x, int y, string text, string fill) =>
        sb.Append(s_inv, $"<text x=\"{x}\" y=\"{y}\" fill=\"{fill}\">{Encode(text)}</text>\n");

    private static string Encode(string s) => WebUtility.HtmlEncode(s);
}
