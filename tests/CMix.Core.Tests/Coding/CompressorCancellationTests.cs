using CMix.Coding;
using Xunit;

namespace CMix.Core.Tests.Coding;

/// <summary>
/// The cancellable and async static API: the same bytes as the synchronous calls, and a cancelled
/// call leaves the output as it was (a prefix already in the stream survives, nothing after it).
/// Cancellation is requested from the first progress report, so it lands mid-coding every time.
/// </summary>
public sealed class CompressorCancellationTests
{
    private static readonly byte[] Prefix = "existing bytes"u8.ToArray();

    private static byte[] Input()
    {
        var data = new byte[1 << 20];
        new Random(3).NextBytes(data);
        return data;
    }

    private static MemoryStream OutputWithPrefix()
    {
        var output = new MemoryStream();
        output.Write(Prefix);
        return output;
    }

    [Fact]
    public async Task Async_calls_write_the_same_bytes_as_the_synchronous_ones()
    {
        byte[] data = CompressorRoundTripTests.Sample("text");
        var options = new CompressionOptions { Level = 1, InputLength = data.Length };
        var sync = new MemoryStream();
        Compressor.Compress(new MemoryStream(data), sync, options);
        var async = new MemoryStream();
        long n = await Compressor.CompressAsync(new MemoryStream(data), async, options, CancellationToken.None);
        Assert.Equal(data.Length, n);
        Assert.Equal(sync.ToArray(), async.ToArray());

        var restored = new MemoryStream();
        Assert.Equal(data.Length, await Compressor.DecompressAsync(new MemoryStream(async.ToArray()), restored, CancellationToken.None));
        Assert.Equal(data, restored.ToArray());
    }

    [Fact]
    public async Task An_already_cancelled_token_touches_nothing()
    {
        var output = OutputWithPrefix();
        var input = new MemoryStream(Input());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Compressor.CompressAsync(input, output, new CompressionOptions { Level = 1 }, new CancellationToken(canceled: true)));
        Assert.Equal(Prefix, output.ToArray());
        Assert.Equal(0, input.Position);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Cancelling_compression_midway_leaves_the_output_as_it_was(int threads)
    {
        using var cts = new CancellationTokenSource();
        var output = OutputWithPrefix();
        var options = new CompressionOptions { Level = 1, Threads = threads, BlockSize = threads > 1 ? 256 << 10 : null };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Compressor.CompressAsync(new MemoryStream(Input()), output, options, _ => cts.Cancel(), cts.Token));
        Assert.Equal(Prefix, output.ToArray());
        Assert.Equal(Prefix.Length, output.Position);
    }

    [Fact]
    public void Cancelling_decompression_midway_leaves_the_output_as_it_was()
    {
        byte[] data = Input().AsSpan(0, 300_000).ToArray();
        byte[] archive = CompressorRoundTripTests.Compress(data, level: 1);
        using var cts = new CancellationTokenSource();
        var output = OutputWithPrefix();
        Assert.ThrowsAny<OperationCanceledException>(
            () => Compressor.Decompress(new MemoryStream(archive), output, threads: 1, _ => cts.Cancel(), cts.Token));
        Assert.Equal(Prefix, output.ToArray());

        // The same archive still decodes afterwards: nothing shared was left half-updated.
        Assert.Equal(data, CompressorRoundTripTests.Decompress(archive));
    }

    [Fact]
    public void A_non_seekable_output_keeps_what_was_sent()
    {
        using var cts = new CancellationTokenSource();
        var sink = new NonSeekable();
        Assert.ThrowsAny<OperationCanceledException>(
            () => Compressor.Compress(new MemoryStream(Input()), sink, new CompressionOptions { Level = 1 }, _ => cts.Cancel(), cts.Token));
        Assert.True(sink.Written > 0);  // the header went out before coding began
    }

    private sealed class NonSeekable : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Written += count;
    }
}
