using System.Buffers.Binary;
using System.Text;
using CMix.Coding;
using CMix.Transforms;
using K4os.Hash.xxHash;
using Xunit;

namespace CMix.Core.Tests.Coding;

/// <summary>
/// The shared prefix of multi-block archives (<see cref="CompressionOptions.PrimeLength"/>,
/// format version 3): every block after the first learns the first block's first bytes, the
/// decoder's blocks follow the first block's decoder, and nothing changes when it is off.
/// </summary>
public sealed class SharedPrefixTests
{
    private static readonly byte[] Data = Text(1500);

    /// <summary>Wiki-like lines that share most of their words, so a block learns from another's start.</summary>
    private static byte[] Text(int lines)
    {
        var s = new StringBuilder();
        for (int i = 0; i < lines; i++)
        {
            s.Append($"<page id=\"{i}\"><title>Article {i * 7 % 113}</title> line {i} of the text says the words {i % 17} again </page>\n");
        }

        return Encoding.UTF8.GetBytes(s.ToString());
    }

    private static byte[] Compress(byte[] data, int threads, long? block, long? prime, bool knownLength = true, int? transform = null, byte[]? reference = null)
    {
        var output = new MemoryStream();
        Compressor.Compress(new MemoryStream(data), output, new CompressionOptions
        {
            Level = 2,
            Threads = threads,
            BlockSize = block,
            PrimeLength = prime,
            InputLength = knownLength ? data.Length : null,
            Transform = transform,
            Reference = reference,
        });
        return output.ToArray();
    }

    private static byte[] Decompress(byte[] archive, int threads, byte[]? reference = null)
    {
        var output = new MemoryStream();
        if (reference is null)
        {
            Compressor.Decompress(new MemoryStream(archive), output, threads);
        }
        else
        {
            Compressor.Decompress(new MemoryStream(archive), output, reference, threads);
        }

        return output.ToArray();
    }

    private static BlockLayout Layout(long? length, int threads, long? block = null, long? prime = null) =>
        Compressor.ResolveLayout(new CompressionOptions { Level = 1, Threads = threads, InputLength = length, BlockSize = block, PrimeLength = prime });

    [Fact]
    public void TheAutomaticPrefixIsATwelfthOfAThreadsWorkInWhole64KiB()
    {
        // 20,000,000 / 12 = 1,666,666 -> 25 x 64 KiB; the rest in two blocks of 141 x 64 KiB.
        Assert.Equal(new BlockLayout(141 * 65536, 25 * 65536), Layout(20_000_000, 2));
        // 99,671,322 / 12 = 8,305,943 -> 126 x 64 KiB (under the 8 MiB cap).
        Assert.Equal(126 * 65536, Layout(99_671_322, 2).PrimeLength);
        // 4 threads: 20,000,000 / 36 = 555,555 -> 8 x 64 KiB.
        Assert.Equal(8 * 65536, Layout(20_000_000, 4).PrimeLength);
        Assert.Equal(BlockLayout.MaxAutoPrimeLength, Layout(4_500_000_000, 2).PrimeLength);
    }

    [Fact]
    public void NoPrefixWithOneThreadAStreamATinyInputOrPrimeZero()
    {
        Assert.Equal(new BlockLayout(0, 0), Layout(99_671_322, 1));
        Assert.Equal(new BlockLayout(Compressor.DefaultStreamBlockSize, 0), Layout(null, 2));
        Assert.Equal(new BlockLayout(1L << 20, 0), Layout(500_000, 4)); // 500,000 / 36 is under 64 KiB
        Assert.Equal(new BlockLayout(48L << 20, 0), Layout(99_671_322, 2, prime: 0)); // the layout before priming
    }

    [Fact]
    public void AnExplicitPrefixNeedsSeveralBlocksAndFitsTheFirst()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Layout(1_000_000, 1, prime: 65536));
        Assert.Throws<ArgumentOutOfRangeException>(() => Layout(1_000_000, 2, block: 0, prime: 65536));
        Assert.Throws<ArgumentOutOfRangeException>(() => Layout(1_000_000, 2, prime: BlockLayout.MaxPrimeLength + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Layout(null, 2, block: Compressor.MaxBlockSize, prime: 1));
        Assert.Equal(new BlockLayout(40_000, 0), Layout(50_000, 1, block: 40_000, prime: 10_000)); // all of it fits the first block
        Assert.Equal(new BlockLayout(40_000, 9_999), Layout(50_000, 1, block: 40_000, prime: 9_999));
    }

    [Fact]
    public void PrimedBlocksRoundTripOnAnyThreadCountAndCodeSmaller()
    {
        byte[] plain = Compress(Data, 2, block: 20_000, prime: 0);
        byte[] primed = Compress(Data, 2, block: 20_000, prime: 8192);
        Assert.Equal(ArchiveHeader.CurrentFormatVersion, plain[4]);
        Assert.Equal(ArchiveHeader.PrimedFormatVersion, primed[4]);
        Assert.True(primed.Length < plain.Length * 0.97, $"primed {primed.Length} vs plain {plain.Length}");
        foreach (int threads in new[] { 1, 2, 3, 8 })
        {
            Assert.Equal(Data, Decompress(primed, threads));
        }

        var info = Compressor.Inspect(new MemoryStream(primed), true);
        Assert.Equal(8192, info.Header.PrimeLength);
        Assert.Equal((Data.Length - 8192 + 19_999) / 20_000, info.Blocks);
    }

    [Fact]
    public void SameBytesWhateverThreadCount()
    {
        // Rounds of blocks (more blocks than threads), so later rounds learn the prefix too.
        byte[] one = Compress(Data, 1, block: 15_000, prime: 5000);
        Assert.Equal(one, Compress(Data, 2, block: 15_000, prime: 5000));
        Assert.Equal(one, Compress(Data, 4, block: 15_000, prime: 5000));
    }

    [Fact]
    public void StreamsOfUnknownLengthTakeAnExplicitPrefix()
    {
        byte[] archive = Compress(Data, 2, block: 30_000, prime: 4096, knownLength: false);
        Assert.Equal(ArchiveHeader.PrimedFormatVersion, archive[4]);
        Assert.Equal(Data, Decompress(archive, 2));
        Assert.Equal(Data, Decompress(archive, 1));
    }

    [Fact]
    public void ThePrefixIsWhatTheModelCodesUnderTheX86Transform()
    {
        // E8/E9 calls across the prefix boundary and the segment the decoder publishes it from.
        var rng = new Random(7);
        byte[] code = new byte[120_000];
        rng.NextBytes(code);
        for (int i = 0; i + 5 < code.Length; i += 1 + rng.Next(12))
        {
            code[i] = (byte)(rng.Next(2) == 0 ? 0xE8 : 0xE9);
            code[i + 4] = 0;
        }

        byte[] archive = Compress(code, 2, block: 40_000, prime: 10_001, transform: X86CallTransform.Id);
        Assert.Equal(X86CallTransform.Id, archive[7]);
        Assert.Equal(code, Decompress(archive, 2));
        Assert.Equal(code, Decompress(archive, 1));
    }

    [Fact]
    public void AReferenceAndAPrefixTogether()
    {
        byte[] reference = Text(300);
        byte[] archive = Compress(Data, 2, block: 25_000, prime: 6000, reference: reference);
        var header = Compressor.Inspect(new MemoryStream(archive), false).Header;
        Assert.Equal(ArchiveHeader.PrimedFormatVersion, header.FormatVersion);
        Assert.NotNull(header.Reference);
        Assert.Equal(6000, header.PrimeLength);
        Assert.Equal(Data, Decompress(archive, 2, reference));
    }

    [Fact]
    public void TheHeaderFieldsRoundTripAndAnOlderDecoderRefusesTheVersion()
    {
        var header = new ArchiveHeader
        {
            FormatVersion = ArchiveHeader.PrimedFormatVersion,
            Level = 4,
            ModelVersion = CMix.Prediction.ModelSettings.ModelVersion,
            Transform = 0,
            BlockSize = 9_240_576,
            OriginalLength = 20_000_000,
            Name = "p20",
            PrimeLength = 1_638_400,
        };
        byte[] bytes = header.ToBytes();
        Assert.Equal(ArchiveHeader.FixedBytes + 3 + 4 + ArchiveHeader.PrimeBytes, bytes.Length);
        Assert.Equal(header, ArchiveHeader.Read(new MemoryStream(bytes)));

        // A version-1/2 reader checks the checksum over the fixed part and the name (valid), then the version byte (3).
        int covered = ArchiveHeader.FixedBytes + 3;
        Assert.Equal(XXH32.DigestOf(bytes, 0, covered), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(covered)));
        Assert.Equal(3, bytes[4]);
        Assert.Throws<ArgumentException>(() => (header with { FormatVersion = ArchiveHeader.CurrentFormatVersion }).ToBytes());
        Assert.Throws<ArgumentException>(() => (header with { BlockSize = 0 }).ToBytes());
    }

    [Fact]
    public void DamagedPrefixFieldsAreReported()
    {
        byte[] archive = Compress(Data, 2, block: 20_000, prime: 8192);
        int at = ArchiveHeader.FixedBytes + BinaryPrimitives.ReadUInt16LittleEndian(archive.AsSpan(10)) + 4;
        archive[at + 1] ^= 0x01;
        var e = Assert.Throws<CmixFormatException>(() => Decompress(archive, 2));
        Assert.Contains("shared prefix fields checksum", e.Message);
    }

    [Fact]
    public void APrefixLongerThanTheFirstBlockFailsTheWaitingBlocksInsteadOfHangingThem()
    {
        // Rewrite the prefix field (and its checksum) to more than the first block holds.
        byte[] archive = Compress(Data, 2, block: 20_000, prime: 8192);
        int at = ArchiveHeader.FixedBytes + BinaryPrimitives.ReadUInt16LittleEndian(archive.AsSpan(10)) + 4;
        BinaryPrimitives.WriteInt64LittleEndian(archive.AsSpan(at), 60_000);
        BinaryPrimitives.WriteUInt32LittleEndian(archive.AsSpan(at + 8), XXH32.DigestOf(archive, at, 8));
        foreach (int threads in new[] { 1, 2 })
        {
            var decode = Task.Run(() => Decompress(archive, threads));
            Assert.True(((IAsyncResult)decode).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60)), "the decoder hung");
            var e = Assert.Throws<CmixFormatException>(() => decode.GetAwaiter().GetResult());
            Assert.Contains("shared prefix", e.Message);
        }
    }
}
