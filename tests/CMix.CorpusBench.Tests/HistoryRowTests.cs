using CMix.CorpusBench;

namespace CMix.CorpusBench.Tests;

public sealed class HistoryRowTests
{
    [Fact]
    public void FirstSchemaLineIsACmixRowWithTheLaterColumnsUnknown()
    {
        var row = HistoryRow.Parse("ba4d6f9472,2026-11-26T13:52:08Z,TOTAL,6,10633950,2388494,1.7969,0.0583,0.0748");

        Assert.Equal(new HistoryRow("ba4d6f9472", "2026-11-26T13:52:08Z", "TOTAL", 6, 10_633_950, 2_388_494, 1.7969, 0.0583, 0.0748, null, HistoryRow.CmixCompressor, null, null), row);
        Assert.True(row.IsCmix);
    }

    [Fact]
    public void FirstSchemaLineWithoutXzRatioParses()
    {
        var row = HistoryRow.Parse("abc,2026-11-26T13:52:08Z,alice29.txt,1,152089,38734,2.0374,0.0653,");

        Assert.Null(row.XzRatio);
        Assert.Equal(0.0653, row.CompressMBps);
    }

    [Theory]
    [InlineData("0815b64f88,2026-11-27T20:24:16Z,TOTAL,9,10633950,2141162,1.6108,0.0258,0.0106,10,cmix,0.035,5452")]
    [InlineData("0815b64f88,2026-11-27T20:24:16Z,TOTAL,,10633950,3034544,2.2829,2.443,1.000,10,xz -9e,53.481,75")]
    [InlineData("2c75799c75+dirty,2026-12-04T13:13:14Z,alice29.txt,1,10000,3795,3.0360,0.0458,,11,cmix,,")]
    public void CurrentSchemaLineParsesToTheSameValuesItFormatsTo(string line)
    {
        var row = HistoryRow.Parse(line);

        Assert.Equal(row, HistoryRow.Parse(row.Format()));
        Assert.Equal(line.Split(',').Length, row.Format().Split(',').Length);
    }

    [Fact]
    public void PeerRowHasNoLevelAndItsName()
    {
        var row = HistoryRow.Parse("0815b64f88,2026-11-27T20:24:16Z,TOTAL,,10633950,3124825,2.3508,2.896,1.185,10,zstd -19 --long,117.147,22");

        Assert.Null(row.Level);
        Assert.False(row.IsCmix);
        Assert.Equal("zstd -19 --long", row.Compressor);
        Assert.Equal(22, row.PeakRssMiB);
    }

    [Theory]
    [InlineData("a,b,c")]
    [InlineData("c,2026-11-26T13:52:08Z,TOTAL,6,10633950,2388494,1.7969,0.0583,0.0748,1,cmix")]
    public void OtherFieldCountsAreRefused(string line)
    {
        var e = Assert.Throws<FormatException>(() => HistoryRow.Parse(line));
        Assert.Contains(HistoryRow.Header, e.Message, StringComparison.Ordinal);
    }
}
