using CMix.Coding;
using CMix.Prediction;
using Xunit;

namespace CMix.Core.Tests.Coding;

/// <summary>The compressor records the input class it sized the tables for, and the decoder builds the same model from it.</summary>
public sealed class InputClassTests
{
    private static ArchiveHeader HeaderOf(byte[] archive) => Compressor.Inspect(new MemoryStream(archive), false).Header;

    [Fact]
    public void AOneByteArchiveAtLevel9IsCodedWithTheSmallestTables()
    {
        byte[] data = [(byte)'a'];
        byte[] archive = CompressorRoundTripTests.Compress(data, 9);
        Assert.Equal(ModelSettings.MinInputBits, HeaderOf(archive).InputBits);
        Assert.Equal(data, CompressorRoundTripTests.Decompress(archive));
    }

    [Fact]
    public void AKnownLengthSizesTheTablesForTheInput()
    {
        byte[] data = CompressorRoundTripTests.Sample("text");
        byte[] archive = CompressorRoundTripTests.Compress(data, 4);
        Assert.Equal(ModelSettings.InputBitsFor(data.Length), HeaderOf(archive).InputBits);
        Assert.Equal(data, CompressorRoundTripTests.Decompress(archive));
    }

    [Fact]
    public void AStreamOfUnknownLengthUsesTheLevelsFullTables()
    {
        byte[] data = CompressorRoundTripTests.Sample("text");
        byte[] archive = CompressorRoundTripTests.Compress(data, 2, knownLength: false);
        Assert.Equal(0, HeaderOf(archive).InputBits);
        Assert.Equal(data, CompressorRoundTripTests.Decompress(archive));
    }

    [Fact]
    public void BlocksAreSizedForTheBlockEvenWhenTheStreamLengthIsUnknown()
    {
        byte[] data = CompressorRoundTripTests.Sample("text");
        byte[] archive = CompressorRoundTripTests.Compress(data, 2, threads: 2, block: 4096, knownLength: false);
        Assert.Equal(12, HeaderOf(archive).InputBits);
        Assert.Equal(data, CompressorRoundTripTests.Decompress(archive, threads: 2));
        Assert.Equal(20, Compressor.ResolveInputBits(100_000_000, 1L << 20));
        Assert.Equal(ModelSettings.InputBitsFor(5000), Compressor.ResolveInputBits(5000, 1L << 20));
    }

    [Fact]
    public void TheHeaderClassBuildsTheDecodersModel()
    {
        // A header that claims another class decodes with other tables: the data no longer
        // verifies. (Random bytes, so the tables see collisions: without any, a table's size
        // changes where a context lives but not what is predicted.)
        byte[] data = CompressorRoundTripTests.Sample("random64k");
        byte[] archive = CompressorRoundTripTests.Compress(data, 4);
        var header = HeaderOf(archive);
        byte[] forged = [.. (header with { InputBits = 0 }).ToBytes(), .. archive.AsSpan(header.ToBytes().Length)];
        Assert.NotEqual(0, header.InputBits);
        Assert.ThrowsAny<CmixFormatException>(() => CompressorRoundTripTests.Decompress(forged));
    }
}
