using CMix.Models;
using CMix.Prediction;
using Xunit;

namespace CMix.Core.Tests.Prediction;

/// <summary>The tables follow the input class up to the level's caps, and the class follows the input length.</summary>
public sealed class TableSizesTests
{
    public static TheoryData<int> Levels() => [1, 2, 3, 4, 5, 6, 7, 8, 9];

    [Theory]
    [InlineData(0L, 10)]
    [InlineData(1L, 10)]
    [InlineData(1024L, 10)]
    [InlineData(1025L, 11)]
    [InlineData(1L << 20, 20)]
    [InlineData((1L << 20) + 1, 21)]
    [InlineData(99_671_322L, 27)]
    [InlineData(long.MaxValue, 40)]
    public void TheClassIsTheCeilingOfLog2OfTheLength(long length, int bits) =>
        Assert.Equal(bits, ModelSettings.InputBitsFor(length));

    [Fact]
    public void AnUnknownLengthHasTheFullTables()
    {
        Assert.Equal(0, ModelSettings.InputBitsFor(null));
        var s = ModelSettings.ForLevel(9, 0);
        Assert.Equal(0, s.InputBits);
        Assert.Equal(Sizes(ModelSettings.ForLevel(9)), Sizes(s));
    }

    [Fact]
    public void AOneByteInputAtLevel9GetsSmallTables()
    {
        var s = ModelSettings.ForLevel(9, ModelSettings.InputBitsFor(1));
        Assert.Equal(10, s.InputBits);
        Assert.Equal(16, s.HistoryBits);
        Assert.Equal(20, Assert.IsType<ContextModel.Spec>(s.Parts[0]).HashBits);  // the floor, 64 MB
        Assert.Equal([12, 12, 12], s.Parts.OfType<MatchModel.Spec>().Select(m => m.HashBits));
        Assert.Equal(14, Assert.Single(s.Parts.OfType<DmcModel.Spec>()).NodeBits);
        Assert.True(ModelSettings.ForLevel(9).EstimatedBytes - s.EstimatedBytes > 2L << 30, "the hash table, history and match and DMC tables shrink by more than 2 GB");
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void TablesGrowWithTheClassUpToTheLevelsCaps(int level)
    {
        var full = ModelSettings.ForLevel(level);
        long previous = 0;
        for (int bits = ModelSettings.MinInputBits; bits <= ModelSettings.MaxInputBits; bits++)
        {
            var s = ModelSettings.ForLevel(level, bits);
            s.Validate();
            Assert.Equal(bits, s.InputBits);
            Assert.InRange(s.HistoryBits, Math.Min(bits, full.HistoryBits), full.HistoryBits);
            Assert.True(s.EstimatedBytes >= previous, $"level {level}: class {bits} needs less memory than class {bits - 1}");
            Assert.True(s.EstimatedBytes <= full.EstimatedBytes);
            previous = s.EstimatedBytes;
        }

        // Past the caps the sizes are the level's full tables; only the stored class differs.
        Assert.Equal(Sizes(full), Sizes(ModelSettings.ForLevel(level, ModelSettings.MaxInputBits)));
    }

    /// <summary>Every table size the class may change: history, then each part's log2 size, and the estimate.</summary>
    private static string Sizes(ModelSettings s) =>
        $"{s.HistoryBits} " + string.Join(" ", s.Parts.Select(p => p switch
        {
            ContextModel.Spec c => c.HashBits,
            MatchModel.Spec m => m.HashBits,
            DmcModel.Spec d => d.NodeBits,
            _ => -1,
        })) + $" {s.EstimatedBytes}";

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(41)]
    public void AnImpossibleClassIsRefused(int bits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelSettings.ForLevel(4, bits));
}
