using System.Buffers.Binary;
using System.Text;
using CMix.Coding;
using K4os.Hash.xxHash;
using Xunit;

namespace CMix.Core.Tests.Coding;

/// <summary>Conditional compression (<see cref="CompressionOptions.Reference"/>) and the version-2 header that records the reference.</summary>
public sealed class ReferenceTests
{
    private static readonly byte[] Reference = Text("reference", 300);
    private static readonly byte[] Data = Text("data", 200);

    /// <summary>Lines that share most of their words whatever the seed, so a reference helps.</summary>
    private static byte[] Text(string seed, int lines)
    {
        var s = new StringBuilder();
        for (int i = 0; i < lines; i++)
        {
            s.Append($"<page id=\"{i}\"><title>Article {i * 7 % 113}</title> the {seed} text of line {i} says the same words again </page>\n");
        }

        return Encoding.UTF8.GetBytes(s.ToString());
    }

    private static byte[] Compress(byte[] data, byte[]? reference, int level = 2, int threads = 1, long? block = null, bool knownLength = true)
    {
        var output = new MemoryStream();
        Compressor.Compress(new MemoryStream(data), output, new CompressionOptions
        {
            Level = level,
            Threads = threads,
            BlockSize = block,
            InputLength = knownLength ? data.Length : null,
            Reference = reference is null ? null : (ReadOnlyMemory<byte>)reference,
        });
        return output.ToArray();
    }

    private static byte[] Decompress(byte[] archive, byte[] reference, int threads = 1)
    {
        var output = new MemoryStream();
        Compressor.Decompress(new MemoryStream(archive), output, reference, threads);
        return output.ToArray();
    }

    [Theory]
    [InlineData(1, 1, null, true)]
    [InlineData(2, 1, null, false)]
    [InlineData(2, 2, 4096L, true)]
    [InlineData(3, 1, 5000L, false)]
    public void RoundTripsWithTheSameReference(int level, int threads, long? block, bool knownLength)
    {
        byte[] archive = Compress(Data, Reference, level, threads, block, knownLength);
        Assert.Equal(Data, Decompress(archive, Reference, threads));
    }

    [Fact]
    public void TheReferenceMakesTheArchiveSmaller()
    {
        Assert.True(Compress(Data, Reference).Length < Compress(Data, null).Length * 0.8);
    }

    [Fact]
    public void ThreadsDoNotChangeTheBytesForOneBlockSize()
    {
        Assert.Equal(Compress(Data, Reference, threads: 1, block: 4096), Compress(Data, Reference, threads: 2, block: 4096));
    }

    [Fact]
    public void AnEmptyReferenceIsNone()
    {
        // A null byte[] converts to an empty ReadOnlyMemory: it must not make a reference archive.
        byte[]? none = null;
        byte[] archive = Compress(Data, none);
        Assert.Equal(Compress(Data, null), archive);
        Assert.Equal(Compress(Data, []), archive);
        Assert.Equal(ArchiveHeader.CurrentFormatVersion, archive[4]);
        Assert.Equal(Data, Decompress(archive, []));
    }

    [Fact]
    public void AWrongReferenceIsRefusedBeforeAnythingIsWritten()
    {
        byte[] archive = Compress(Data, Reference);
        byte[] wrong = (byte[])Reference.Clone();
        wrong[^1] ^= 1;
        var output = new MemoryStream();
        var e = Assert.Throws<CmixFormatException>(() => Compressor.Decompress(new MemoryStream(archive), output, wrong));
        Assert.Contains("wrong reference", e.Message);
        Assert.Contains($"{Reference.Length} bytes", e.Message);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void AMissingReferenceIsRefusedBeforeAnythingIsWritten()
    {
        byte[] archive = Compress(Data, Reference);
        var output = new MemoryStream();
        var e = Assert.Throws<CmixFormatException>(() => Compressor.Decompress(new MemoryStream(archive), output));
        Assert.Contains("compressed against a reference", e.Message);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void AReferenceForAnArchiveWithoutOneIsRefused()
    {
        byte[] archive = Compress(Data, null);
        var e = Assert.Throws<CmixFormatException>(() => Decompress(archive, Reference));
        Assert.Contains("without a reference", e.Message);
    }

    [Fact]
    public void WithoutAReferenceTheHeaderIsVersionOneAsBefore()
    {
        byte[] archive = Compress(Data, null);
        Assert.Equal(ArchiveHeader.CurrentFormatVersion, archive[4]);
        Assert.Equal(1, archive[8]);  // flags: length known, nothing else
        Assert.Null(Compressor.Inspect(new MemoryStream(archive), false).Header.Reference);
    }

    [Fact]
    public void TheHeaderFieldRoundTrips()
    {
        var header = new ArchiveHeader
        {
            FormatVersion = ArchiveHeader.ReferenceFormatVersion,
            Level = 4,
            ModelVersion = CMix.Prediction.ModelSettings.ModelVersion,
            Transform = 0,
            BlockSize = 0,
            OriginalLength = 12345,
            Name = "b16",
            Reference = new ReferenceStamp(1_000_000, 0xfeaec2d4e2f23e56),
        };
        byte[] bytes = header.ToBytes();
        Assert.Equal(ArchiveHeader.FixedBytes + 3 + 4 + ArchiveHeader.ReferenceBytes, bytes.Length);
        Assert.Equal(header, ArchiveHeader.Read(new MemoryStream(bytes)));
    }

    [Fact]
    public void AVersionOneDecoderSeesAValidChecksumAndThenRefusesTheVersion()
    {
        // What the version-1 reader does: the checksum over the fixed part and the name, then the version byte.
        byte[] archive = Compress(Data, Reference);
        int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(archive.AsSpan(10));
        int covered = ArchiveHeader.FixedBytes + nameLength;
        Assert.Equal(XXH32.DigestOf(archive, 0, covered), BinaryPrimitives.ReadUInt32LittleEndian(archive.AsSpan(covered)));
        Assert.Equal(ArchiveHeader.ReferenceFormatVersion, archive[4]);
    }

    [Fact]
    public void DamagedReferenceFieldsAreReported()
    {
        byte[] archive = Compress(Data, Reference);
        int at = ArchiveHeader.FixedBytes + BinaryPrimitives.ReadUInt16LittleEndian(archive.AsSpan(10)) + 4;
        archive[at + 3] ^= 0x40;
        var e = Assert.Throws<CmixFormatException>(() => Decompress(archive, Reference));
        Assert.Contains("reference fields checksum", e.Message);
    }

    [Fact]
    public void AVersionOneHeaderWithTheReferenceFlagIsRefused()
    {
        byte[] archive = Compress(Data, null);
        archive[8] |= 2;
        int covered = ArchiveHeader.FixedBytes + BinaryPrimitives.ReadUInt16LittleEndian(archive.AsSpan(10));
        BinaryPrimitives.WriteUInt32LittleEndian(archive.AsSpan(covered), XXH32.DigestOf(archive, 0, covered));
        var e = Assert.Throws<CmixFormatException>(() => Compressor.Decompress(new MemoryStream(archive), new MemoryStream()));
        Assert.Contains("field out of range", e.Message);
    }
}
