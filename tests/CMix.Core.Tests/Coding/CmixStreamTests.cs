using System.IO.Compression;
using CMix.Coding;
using Xunit;

namespace CMix.Core.Tests.Coding;

/// <summary>
/// <see cref="CmixStream"/>: round trips through Stream.CopyTo / CopyToAsync, the same archive as
/// the static API both ways, damage, disposal. Level 1 throughout (small and quick).
/// </summary>
public sealed class CmixStreamTests
{
    private static byte[] Text() => CompressorRoundTripTests.Sample("text");

    private static byte[] Random64K() => CompressorRoundTripTests.Sample("random64k");

    private static byte[] CompressWithStream(byte[] data, int level = 1)
    {
        var archive = new MemoryStream();
        using (var cmix = new CmixStream(archive, level, leaveOpen: true))
        {
            new MemoryStream(data).CopyTo(cmix);
        }

        return archive.ToArray();
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("one")]
    [InlineData("text")]
    [InlineData("random64k")]
    public void CopyTo_round_trips(string sample)
    {
        byte[] data = CompressorRoundTripTests.Sample(sample);
        byte[] archive = CompressWithStream(data);

        var restored = new MemoryStream();
        using (var cmix = new CmixStream(new MemoryStream(archive), CompressionMode.Decompress))
        {
            cmix.CopyTo(restored);
        }

        Assert.Equal(data, restored.ToArray());
    }

    [Fact]
    public void A_stream_of_unknown_length_uses_the_levels_tables_and_a_given_length_sizes_them()
    {
        byte[] data = Text();
        byte[] unknown = CompressWithStream(data);
        Assert.Equal(0, Compressor.Inspect(new MemoryStream(unknown), false).Header.InputBits);

        var options = new CompressionOptions { Level = 1, InputLength = data.Length };
        var archive = new MemoryStream();
        using (var cmix = new CmixStream(archive, options, leaveOpen: true))
        {
            new MemoryStream(data).CopyTo(cmix);
        }

        var expected = new MemoryStream();
        Compressor.Compress(new MemoryStream(data), expected, options);
        Assert.Equal(expected.ToArray(), archive.ToArray());
        Assert.Equal(CMix.Prediction.ModelSettings.InputBitsFor(data.Length), Compressor.Inspect(new MemoryStream(archive.ToArray()), false).Header.InputBits);

        // Fewer bytes than promised: the coder refuses, and Dispose says so.
        var cmixShort = new CmixStream(new MemoryStream(), options);
        cmixShort.Write(data, 0, data.Length - 1);
        Assert.Throws<IOException>(cmixShort.Dispose);
    }

    [Fact]
    public async Task CopyToAsync_round_trips()
    {
        byte[] data = Random64K();
        var archive = new MemoryStream();
        await using (var cmix = new CmixStream(archive, CompressionLevel.Fastest, leaveOpen: true))
        {
            await new MemoryStream(data).CopyToAsync(cmix);
        }

        var restored = new MemoryStream();
        await using (var cmix = new CmixStream(new MemoryStream(archive.ToArray()), CompressionMode.Decompress))
        {
            await cmix.CopyToAsync(restored);
        }

        Assert.Equal(data, restored.ToArray());
    }

    [Fact]
    public void Writes_the_static_APIs_archive_and_the_static_API_reads_it()
    {
        byte[] data = Text();
        byte[] fromStream = CompressWithStream(data);
        // Same coder, same options (no stored length, no name): the same bytes.
        var unnamed = new MemoryStream();
        Compressor.Compress(new MemoryStream(data), unnamed, new CompressionOptions { Level = 1 });
        Assert.Equal(unnamed.ToArray(), fromStream);
        Assert.Equal(data, CompressorRoundTripTests.Decompress(fromStream));
    }

    [Fact]
    public void Reads_an_archive_of_the_static_API()
    {
        byte[] data = Text();
        byte[] archive = CompressorRoundTripTests.Compress(data, level: 1, threads: 2, block: 4096);

        var restored = new MemoryStream();
        using (var cmix = new CmixStream(new MemoryStream(archive), CompressionMode.Decompress))
        {
            cmix.CopyTo(restored);
        }

        Assert.Equal(data, restored.ToArray());
    }

    [Fact]
    public void Odd_sized_writes_and_reads_cross_the_buffer_edges()
    {
        byte[] data = new byte[CmixStream.BufferSize + 12345];
        new Random(7).NextBytes(data.AsSpan(0, 20000));  // the rest stays zero: quick to code
        var archive = new MemoryStream();
        using (var cmix = new CmixStream(archive, 1, leaveOpen: true))
        {
            int[] sizes = [1, 7, 1000, 65537, 3];
            for (int off = 0, i = 0; off < data.Length; i++)
            {
                int n = Math.Min(sizes[i % sizes.Length], data.Length - off);
                cmix.Write(data, off, n);
                off += n;
            }
        }

        var restored = new MemoryStream();
        using (var cmix = new CmixStream(new MemoryStream(archive.ToArray()), CompressionMode.Decompress))
        {
            var buffer = new byte[4099];
            int n;
            while ((n = cmix.Read(buffer, 0, buffer.Length)) > 0)
            {
                restored.Write(buffer, 0, n);
            }
        }

        Assert.Equal(data, restored.ToArray());
    }

    [Fact]
    public void A_damaged_archive_makes_a_read_throw()
    {
        byte[] archive = CompressWithStream(Text());
        archive[archive.Length / 2] ^= 0x40;
        using var cmix = new CmixStream(new MemoryStream(archive), CompressionMode.Decompress);
        Assert.Throws<CmixFormatException>(() => cmix.CopyTo(Stream.Null));
    }

    [Fact]
    public void LeaveOpen_decides_whether_the_base_stream_is_disposed()
    {
        var kept = new MemoryStream();
        new CmixStream(kept, CompressionMode.Compress, leaveOpen: true).Dispose();
        Assert.True(kept.CanWrite);
        Assert.True(kept.Length > 0);  // an empty input still makes a valid archive
        Assert.Empty(CompressorRoundTripTests.Decompress(kept.ToArray()));

        var closed = new MemoryStream();
        new CmixStream(closed, CompressionMode.Compress).Dispose();
        Assert.False(closed.CanWrite);
    }

    [Fact]
    public void Disposing_a_half_read_stream_stops_the_decoder()
    {
        byte[] data = Random64K();
        byte[] archive = CompressWithStream(data);
        var cmix = new CmixStream(new MemoryStream(archive), CompressionMode.Decompress);
        var first = new byte[10];
        cmix.ReadExactly(first);
        Assert.Equal(data.AsSpan(0, 10).ToArray(), first);
        cmix.Dispose();
        Assert.Throws<ObjectDisposedException>(() => cmix.Read(first, 0, 1));
    }

    [Fact]
    public void A_failing_base_stream_fails_the_write_or_the_dispose()
    {
        var cmix = new CmixStream(new FailingStream(), 1);
        byte[] data = Random64K();
        var error = Record.Exception(() =>
        {
            for (int i = 0; i < 40; i++)
            {
                cmix.Write(data);  // fills the pipe until the coder's failure reaches the writer
            }

            cmix.Dispose();
        });
        Assert.IsType<IOException>(error);
        Assert.Equal("disk full", error.Message);
    }

    private sealed class FailingStream : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("disk full");

        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("disk full");
    }

    [Fact]
    public void Modes_and_arguments_are_checked()
    {
        using var compressing = new CmixStream(new MemoryStream(), CompressionMode.Compress);
        Assert.False(compressing.CanRead);
        Assert.True(compressing.CanWrite);
        Assert.False(compressing.CanSeek);
        Assert.Throws<NotSupportedException>(() => compressing.Read(new byte[1], 0, 1));
        Assert.Throws<NotSupportedException>(() => compressing.Length);

        using var decompressing = new CmixStream(new MemoryStream(CompressWithStream([])), CompressionMode.Decompress);
        Assert.Throws<NotSupportedException>(() => decompressing.Write(new byte[1], 0, 1));

        Assert.Throws<ArgumentOutOfRangeException>(() => new CmixStream(new MemoryStream(), 10));
        Assert.Throws<ArgumentException>(() => new CmixStream(new MemoryStream([], writable: false), CompressionMode.Compress));
        Assert.Equal(4, CmixStream.LevelFor(CompressionLevel.Optimal));
        Assert.Equal(9, CmixStream.LevelFor(CompressionLevel.SmallestSize));
    }
}
