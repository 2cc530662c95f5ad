using CMix.Coding;
using Xunit;

namespace CMix.Core.Tests.Coding;

/// <summary>Damaged, truncated and foreign input must fail with <see cref="CmixFormatException"/>, never hang or crash.</summary>
public sealed class CorruptionTests
{
    private static readonly byte[] s_data = CompressorRoundTripTests.Sample("text");
    private static readonly byte[] s_archive = CompressorRoundTripTests.Compress(s_data, 2);

    [Fact]
    public void EveryFlippedByteIsDetected()
    {
        // Every position of the archive, one bit flipped at a time (the archive is small at level 2).
        for (int i = 0; i < s_archive.Length; i++)
        {
            byte[] bad = (byte[])s_archive.Clone();
            bad[i] ^= (byte)(1 << (i % 8));
            var ex = Assert.Throws<CmixFormatException>(() => CompressorRoundTripTests.Decompress(bad));
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        }
    }

    [Fact]
    public void EveryTruncationIsDetected()
    {
        for (int n = 0; n < s_archive.Length; n++)
        {
            byte[] cut = s_archive.AsSpan(0, n).ToArray();
            Assert.Throws<CmixFormatException>(() => CompressorRoundTripTests.Decompress(cut));
        }
    }

    [Fact]
    public void TrailingGarbageIsRejected()
    {
        byte[] longer = [.. s_archive, 0];
        var ex = Assert.Throws<CmixFormatException>(() => CompressorRoundTripTests.Decompress(longer));
        Assert.Contains("after the end", ex.Message);
    }

    [Fact]
    public void ForeignDataIsRejected()
    {
        var ex = Assert.Throws<CmixFormatException>(() => CompressorRoundTripTests.Decompress("PK\u0003\u0004 not ours"u8.ToArray()));
        Assert.Contains("not a CMix archive", ex.Message);
    }

    [Fact]
    public void UnknownVersionIsRejectedWithItsNumber()
    {
        var header = Compressor.Inspect(new MemoryStream(s_archive), false).Header with { FormatVersion = 9 };
        byte[] bytes = header.ToBytes();
        var ex = Assert.Throws<CmixFormatException>(() => ArchiveHeader.Read(new MemoryStream(bytes)));
        Assert.Contains("version 9", ex.Message);
    }
}
