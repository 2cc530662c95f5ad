using System.Diagnostics;
using System.Xml.Linq;
using CMix.CorpusBench;

namespace CMix.CorpusBench.Tests;

public sealed class HistoryChartTests
{
    private static readonly XNamespace s_svg = "http://www.w3.org/2000/svg";

    private static List<HistoryRun> CommittedRuns() => HistoryRun.From(History.Read(RepoPaths.Resolve(BenchOptions.DefaultHistory)));

    [Fact]
    public void TheCommittedHistoryDrawsWellFormedSvgWithEveryLevelAndVersionChange()
    {
        var runs = CommittedRuns();

        var svg = XDocument.Parse(HistoryChart.Render(runs));

        var texts = svg.Descendants(s_svg + "text").Select(t => t.Value).ToList();
        foreach (int level in runs.SelectMany(r => r.Levels.Keys).Distinct())
        {
            Assert.Contains($"cmix -{level}", texts);
        }

        int changes = runs.Zip(runs.Skip(1)).Count(p => p.First.ModelVersion != p.Second.ModelVersion);
        int markers = svg.Descendants(s_svg + "title").Count(t => t.Value.StartsWith("model version ", StringComparison.Ordinal));
        Assert.Equal(4 * changes, markers);
        Assert.Equal(runs.Any(r => r.Peers.ContainsKey(PeerCompressor.XzReference)), texts.Contains(PeerCompressor.XzReference));
    }

    [Fact]
    public void OneRunWithoutPeersOrMemoryStillDraws()
    {
        var row = new HistoryRow("abc", "2026-12-04T13:13:14Z", Report.TotalName, 4, 10_000, 3_000, 2.4, 0.02, null, 11, HistoryRow.CmixCompressor, null, null);

        var svg = XDocument.Parse(HistoryChart.Render(HistoryRun.From([row])));

        Assert.Contains(svg.Descendants(s_svg + "text"), t => t.Value == "not measured in these runs");
    }

    [Fact]
    public void RsvgRendersTheChartWhenInstalled()
    {
        const string Rsvg = "/usr/bin/rsvg-convert";
        if (!File.Exists(Rsvg))
        {
            return; // apt-get install -y librsvg2-bin to run this check; the XML checks above run everywhere
        }

        string dir = Directory.CreateTempSubdirectory("cmix-chart-test-").FullName;
        try
        {
            string svg = Path.Combine(dir, "history.svg");
            string png = Path.Combine(dir, "history.png");
            File.WriteAllText(svg, HistoryChart.Render(CommittedRuns()));
            using var p = Process.Start(new ProcessStartInfo(Rsvg, [svg, "-o", png]) { RedirectStandardError = true })!;
            string stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();

            Assert.True(p.ExitCode == 0, stderr);
            Assert.True(new FileInfo(png).Length > 10_000);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
