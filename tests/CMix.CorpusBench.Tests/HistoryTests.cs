using CMix.CorpusBench;

namespace CMix.CorpusBench.Tests;

public sealed class HistoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cmix-history-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Report SampleReport(string commit, long bytes)
    {
        var info = new RunInfo(commit, 11, new DateTimeOffset(2026, 12, 4, 13, 13, 14, TimeSpan.Zero), "test machine", "cmix-corpus-bench --results x");
        Measurement[] rows =
        [
            new("a.txt", bytes, "cmix -1", 1, bytes / 4, 2.0, 1.0, 50L << 20, RoundTrip: true, Repeats: 1),
            new("a.txt", bytes, "cmix -4", 4, bytes / 5, 8.0, 4.0, 170L << 20, RoundTrip: true, Repeats: 1),
            new("a.txt", bytes, "xz -9e", null, bytes / 3, 0.5, 0.01, 12L << 20, RoundTrip: true, Repeats: 1),
            new("a.txt", bytes, "gzip -9", null, bytes / 2, 0.1, 0.01, null, RoundTrip: true, Repeats: 1),
        ];
        return new Report(info, "test inputs", rows, acceptance: false);
    }

    [Fact]
    public void AppendWritesTheHeaderCmixRowsAndEveryTotalAndReadsThemBack()
    {
        string path = Path.Combine(_dir, "history.csv");

        Assert.True(History.Append(path, SampleReport("abc", 1_000_000)));

        string[] lines = File.ReadAllLines(path);
        Assert.Equal(HistoryRow.Header, lines[0]);
        var rows = History.Read(path);
        Assert.Equal(["cmix/a.txt/1", "cmix/a.txt/4", "cmix/TOTAL/1", "cmix/TOTAL/4", "xz -9e/TOTAL/", "gzip -9/TOTAL/"], rows.Select(r => $"{r.Compressor}/{r.File}/{r.Level}"));
        Assert.All(rows, r => Assert.Equal(11, r.ModelVersion));
        var level4 = rows.Single(r => r.File == Report.TotalName && r.Level == 4);
        Assert.Equal(200_000, level4.Compressed);
        Assert.Equal(1.6, level4.Bpb);
        Assert.Equal(0.125, level4.CompressMBps);
        Assert.Equal(0.25, level4.DecompressMBps);
        Assert.Equal(170.0, level4.PeakRssMiB);
        Assert.Equal(0.0625, level4.XzRatio);
        Assert.Null(rows.Single(r => r.Compressor == "gzip -9").PeakRssMiB);
    }

    [Fact]
    public void AppendAddsToAnExistingHistoryOfTheSameInputs()
    {
        string path = Path.Combine(_dir, "history.csv");
        Assert.True(History.Append(path, SampleReport("abc", 1_000_000)));

        Assert.True(History.Append(path, SampleReport("def", 1_000_000)));

        Assert.Single(File.ReadAllLines(path), l => l == HistoryRow.Header);
        Assert.Equal(["abc", "def"], History.Read(path).Select(r => r.Commit).Distinct());
    }

    [Fact]
    public void AppendRefusesARunOfOtherInputsAndLeavesTheFileAlone()
    {
        string path = Path.Combine(_dir, "history.csv");
        Assert.True(History.Append(path, SampleReport("abc", 1_000_000)));
        string before = File.ReadAllText(path);

        Assert.False(History.Append(path, SampleReport("def", 10_000)));

        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public void AFileInTheFirstSchemaStillReadsAndTakesRowsOfTheCurrentOne()
    {
        string path = Path.Combine(_dir, "history.csv");
        File.WriteAllText(path, HistoryRow.FirstHeader + "\nold,2026-11-26T13:52:08Z,TOTAL,1,1000000,250000,2.0000,0.5000,0.2000\n");

        Assert.True(History.Append(path, SampleReport("new", 1_000_000)));

        var rows = History.Read(path);
        Assert.Null(rows[0].ModelVersion);
        Assert.Equal(11, rows[^1].ModelVersion);
        Assert.Equal(["old", "new"], HistoryRun.From(rows).Select(r => r.Commit));
    }

    [Fact]
    public void TheCommittedHistoryReadsWithAModelVersionOnEveryRow()
    {
        var rows = History.Read(RepoPaths.Resolve(BenchOptions.DefaultHistory));

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.NotNull(r.ModelVersion));
        Assert.All(rows.Where(r => !r.IsCmix), r => Assert.Equal(Report.TotalName, r.File));
        Assert.All(HistoryRun.From(rows), run => Assert.NotEmpty(run.Levels));
    }
}
