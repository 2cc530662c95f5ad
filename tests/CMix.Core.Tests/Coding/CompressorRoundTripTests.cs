using CMix.Coding;
using Xunit;

namespace CMix.Core.Tests.Coding;

public sealed class CompressorRoundTripTests
{
    internal static byte[] Compress(byte[] data, int level, int threads = 1, long? block = null, bool knownLength = true)
    {
        var output = new MemoryStream();
        Compressor.Compress(new MemoryStream(data), output, new CompressionOptions
        {
            Level = level,
            Threads = threads,
            BlockSize = block,
            InputLength = knownLength ? data.Length : null,
            Name = "sample.bin",
        });
        return output.ToArray();
    }

    internal static byte[] Decompress(byte[] archive, int threads = 1)
    {
        var output = new MemoryStream();
        Compressor.Decompress(new MemoryStream(archive), output, threads);
        return output.ToArray();
    }

    public static TheoryData<string, int> Samples()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in new[] { "empty", "one", "all256", "text", "random64k", "run" })
        {
            foreach (int level in new[] { 1, 6, 9 })
            {
                data.Add(name, level);
            }
        }

        return data;
    }

    internal static byte[] Sample(string name)
    {
        var rng = new Random(42);
        switch (name)
        {
            case "empty":
                return [];
            case "one":
                return [0x5A];
            case "all256":
                return Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
            case "text":
                return System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog. Ünïcödé ✓\n", 400)));
            case "random64k":
                var r = new byte[65536];
                rng.NextBytes(r);
                return r;
            case "run":
                return Enumerable.Repeat((byte)'a', 300000).ToArray();
            default:
                throw new ArgumentException(name);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void RoundTripsExactly(string name, int level)
    {
        byte[] data = Sample(name);
        byte[] archive = Compress(data, level);
        Assert.Equal(data, Decompress(archive));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public void EveryLevelRoundTripsAndStrongerLevelsAreNotWorse(int level)
    {
        byte[] data = [.. Sample("text"), .. Sample("all256")];
        byte[] archive = Compress(data, level);
        Assert.Equal(data, Decompress(archive));
        if (level > 1)
        {
            Assert.True(archive.Length <= Compress(data, 1).Length * 11 / 10, $"level {level} much worse than level 1");
        }
    }

    [Fact]
    public void CompressesText()
    {
        byte[] data = Sample("text");
        Assert.True(Compress(data, 6).Length < data.Length / 20);
    }

    [Fact]
    public void RandomDataExpandsOnlySlightly()
    {
        byte[] data = Sample("random64k");
        Assert.InRange(Compress(data, 6).Length, data.Length, data.Length + data.Length / 50 + 200);
    }

    [Fact]
    public void UnknownLengthStreamsRoundTrip()
    {
        byte[] data = Sample("text");
        byte[] archive = Compress(data, 2, knownLength: false);
        Assert.Null(Compressor.Inspect(new MemoryStream(archive), false).Header.OriginalLength);
        Assert.Equal(data, Decompress(archive));
    }

    [Fact]
    public void SameBytesWhateverThreadCountWithAFixedBlockSize()
    {
        byte[] data = [.. Sample("text"), .. Sample("random64k"), .. Sample("text")];
        byte[] one = Compress(data, 2, threads: 1, block: 40000);
        byte[] two = Compress(data, 2, threads: 2, block: 40000);
        byte[] four = Compress(data, 2, threads: 4, block: 40000);
        Assert.Equal(one, two);
        Assert.Equal(one, four);
        Assert.Equal(data, Decompress(two, threads: 1));
        Assert.Equal(data, Decompress(one, threads: 3));
        var info = Compressor.Inspect(new MemoryStream(two), true);
        Assert.Equal((int)((data.Length + 39999) / 40000), info.Blocks);
    }

    [Fact]
    public void InspectReportsTheHeader()
    {
        byte[] data = Sample("text");
        var info = Compressor.Inspect(new MemoryStream(Compress(data, 3)), true);
        Assert.Equal(3, info.Header.Level);
        Assert.Equal(data.Length, info.OriginalLength);
        Assert.Equal(data.Length, info.Header.OriginalLength);
        Assert.Equal("sample.bin", info.Header.Name);
        Assert.Equal(1, info.Blocks);
    }
}
