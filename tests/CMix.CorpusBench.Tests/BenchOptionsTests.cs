using CMix.CorpusBench;

namespace CMix.CorpusBench.Tests;

public sealed class BenchOptionsTests
{
    private static readonly string s_history = RepoPaths.Resolve(BenchOptions.DefaultHistory);

    [Fact]
    public void AResultsRunAppendsToTheCommittedHistoryAndRedrawsItsChart()
    {
        var o = BenchOptions.Parse(["--results", "docs/RESULTS.md"]);

        Assert.Equal(s_history, o.HistoryToAppend);
        Assert.Equal(RepoPaths.Resolve("benchmarks/history.svg"), o.ChartPath);
    }

    [Fact]
    public void NoHistorySkipsTheAppendOfAResultsRun() =>
        Assert.Null(BenchOptions.Parse(["--results", "docs/RESULTS.md", "--no-history"]).HistoryToAppend);

    [Fact]
    public void APlainRunDoesNotAppend() =>
        Assert.Null(BenchOptions.Parse(["--prefix", "100000", "--levels", "1,2,6", "--out", "artifacts/ci/corpus-bench"]).HistoryToAppend);

    [Fact]
    public void AnotherHistoryGetsItsOwnChart()
    {
        var o = BenchOptions.Parse(["--append-history", "/tmp/h/sample.csv"]);

        Assert.Equal("/tmp/h/sample.csv", o.HistoryToAppend);
        Assert.Equal("/tmp/h/sample.svg", o.ChartPath);
        Assert.Equal("/tmp/h/x.svg", BenchOptions.Parse(["--chart", "--history", "/tmp/h/sample.csv", "--chart-out", "/tmp/h/x.svg"]).ChartPath);
    }

    [Fact]
    public void AppendAndNoHistoryTogetherAreAUsageError() =>
        Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--append-history", "--no-history"]));
}
