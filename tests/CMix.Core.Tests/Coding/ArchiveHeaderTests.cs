using CMix.Coding;
using CMix.Prediction;
using Xunit;

namespace CMix.Core.Tests.Coding;

/// <summary>The header's fields survive a write and a read, and impossible values are refused by name.</summary>
public sealed class ArchiveHeaderTests
{
    private static ArchiveHeader Sample(int inputBits) => new()
    {
        FormatVersion = ArchiveHeader.CurrentFormatVersion,
        Level = 9,
        ModelVersion = ModelSettings.ModelVersion,
        Transform = 0,
        InputBits = inputBits,
        BlockSize = 0,
        OriginalLength = 1,
        Name = "one.bin",
    };

    [Theory]
    [InlineData(0)]
    [InlineData(ModelSettings.MinInputBits)]
    [InlineData(23)]
    [InlineData(ModelSettings.MaxInputBits)]
    public void TheTableSizeClassRoundTrips(int inputBits)
    {
        byte[] bytes = Sample(inputBits).ToBytes();
        Assert.Equal(inputBits, bytes[9]);
        Assert.Equal(Sample(inputBits), ArchiveHeader.Read(new MemoryStream(bytes)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(ModelSettings.MinInputBits - 1)]
    [InlineData(ModelSettings.MaxInputBits + 1)]
    [InlineData(255)]
    public void AnImpossibleTableSizeClassIsRefused(int inputBits)
    {
        // ToBytes does not check the field and writes a valid checksum, so only the range check can refuse it.
        byte[] bytes = Sample(inputBits).ToBytes();
        var ex = Assert.Throws<CmixFormatException>(() => ArchiveHeader.Read(new MemoryStream(bytes)));
        Assert.Contains($"table size class {inputBits} out of range", ex.Message);
    }

    [Fact]
    public void AnArchiveOfTheLastModelVersionIsRefusedByItsVersion()
    {
        // Model version 10 ignored byte 9; its archives use the full tables, so this build must not guess.
        byte[] bytes = (Sample(0) with { ModelVersion = 10 }).ToBytes();
        var ex = Assert.Throws<CmixFormatException>(() => ArchiveHeader.Read(new MemoryStream(bytes)));
        Assert.Contains("unsupported model version 10", ex.Message);
    }
}
