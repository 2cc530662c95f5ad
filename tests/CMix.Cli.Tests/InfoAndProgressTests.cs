using CMix.Coding;

namespace CMix.Cli.Tests;

public sealed class InfoAndProgressTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void InfoWithoutFileDescribesBuildAndMachine()
    {
        var r = _cli.Run(["info"]);
        Assert.Equal(0, r.Code);
        Assert.Contains("Avx2", r.Text);
        Assert.Contains("AdvSimd", r.Text);
        Assert.Contains("mixer kernel " + Compressor.KernelInfo.Kernel, r.Text);
        Assert.Contains(Compressor.KernelInfo.Reason, r.Text);
        for (int level = 1; level <= 9; level++)
        {
            Assert.Contains($"  {level}  ", r.Text);
        }
    }

    [Fact]
    public void InfoWithArchiveShowsHeaderAndScan()
    {
        string input = _cli.Write("named.txt", "abcabcabcabc"u8.ToArray());
        Assert.Equal(0, _cli.Run(["-2", input]).Code);
        var r = _cli.Run(["info", input + ".cmix"]);
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("level          2", r.Text);
        Assert.Contains("named.txt", r.Text);
        Assert.Contains("original       12 bytes", r.Text);
        Assert.Contains($"archive        {new FileInfo(input + ".cmix").Length} bytes", r.Text);
    }

    [Fact]
    public void InfoShowsTheTablesAnArchiveWasCodedWith()
    {
        // A file's length sizes the tables (the smallest class, 2^10, for one byte); stdin's is unknown, so it gets the level's.
        string input = _cli.Write("one.bin", [(byte)'a']);
        Assert.Equal(0, _cli.Run(["-9", input]).Code);
        var r = _cli.Run(["info", input + ".cmix"]);
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("tables         sized for blocks up to 2^10 bytes", r.Text);
        long small = Compressor.EstimateMemory(9, 1, 0, 10);
        Assert.True(small < Compressor.EstimateMemory(9, 1, 0), "a 1-byte archive's estimate is below the level's");
    }

    [Fact]
    public void ProgressLineShowsPercentRateEtaAndRatio()
    {
        string line = ProgressReporter.Format(new CodingProgress(50_000_000, 100_000_000), TimeSpan.FromSeconds(10), 0.25);
        Assert.Equal(" 50.0%  50.0 MB  5.00 MB/s  ETA 0:10  ratio 25.0%", line);
        string unknown = ProgressReporter.Format(new CodingProgress(2_000_000, null), TimeSpan.FromSeconds(1), null);
        Assert.Equal("2.0 MB  2.00 MB/s", unknown);
        Assert.Equal("1:01:05", ProgressReporter.FormatDuration(TimeSpan.FromSeconds(3665)));
    }

    [Fact]
    public void ProgressIsThrottledAndErasedAtTheEnd()
    {
        var w = new StringWriter();
        var p = new ProgressReporter(w, enabled: true, "f", null);
        for (int i = 0; i < 100_000; i++)
        {
            p.Report(new CodingProgress(i, 100_000));
        }

        // The first redraw is due 1/4 s after creation; a tight loop finishes well before
        // that or at most a few redraws later.
        int before = w.ToString().Count(c => c == '\r');
        Assert.True(before <= 4);
        Thread.Sleep(300);
        p.Report(new CodingProgress(50_000, 100_000));
        Assert.Equal(before + 1, w.ToString().Count(c => c == '\r'));
        Assert.Contains(" 50.0%", w.ToString());
        p.Finish();
        Assert.EndsWith("\r", w.ToString());
        var off = new StringWriter();
        var disabled = new ProgressReporter(off, enabled: false, "f", null);
        Assert.Null(disabled.Callback);
        disabled.Report(new CodingProgress(1, 1));
        disabled.Finish();
        Assert.Empty(off.ToString());
    }

    [Fact]
    public void RatioComesFromCompletedSegmentsNotTheHeader()
    {
        var w = new StringWriter();
        long written = 40; // the header, written before any data
        var p = new ProgressReporter(w, enabled: true, "f", () => written);
        Thread.Sleep(300);
        p.Report(new CodingProgress(1_000, 8_000));
        Assert.DoesNotContain("ratio", w.ToString());
        written = 1_040; // first segment out: 1,040 archive bytes for 4,000 input bytes
        Thread.Sleep(300);
        p.Report(new CodingProgress(4_000, 8_000));
        Assert.Contains("ratio 26.0%", w.ToString());
        Thread.Sleep(300);
        p.Report(new CodingProgress(6_000, 8_000)); // mid-segment: still the last known ratio
        Assert.EndsWith("ratio 26.0%", w.ToString().TrimEnd());
    }

    [Fact]
    public void ByteSizesParseWithBinarySuffixes()
    {
        Assert.Equal(65536, ByteSize.Parse("64K", "--block"));
        Assert.Equal(64L << 20, ByteSize.Parse("64M", "--block"));
        Assert.Equal(1L << 30, ByteSize.Parse("1GiB", "--block"));
        Assert.Equal(123, ByteSize.Parse("123", "--block"));
        Assert.Throws<UsageException>(() => ByteSize.Parse("-5", "--block"));
        Assert.Throws<UsageException>(() => ByteSize.Parse("M", "--block"));
    }
}
