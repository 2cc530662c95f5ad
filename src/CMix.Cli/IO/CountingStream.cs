namespace CMix.Cli.IO;

/// <summary>
/// A pass-through stream that counts the bytes read and written, so the progress line (which runs
/// on coding threads) can show the ratio. The counters may be read from any thread.
/// </summary>
internal sealed class CountingStream : Stream
{
    private readonly Stream _inner;
    private long _read;
    private long _written;

    /// <summary>Wraps <paramref name="inner"/> (not owned: disposing this does not dispose it).</summary>
    public CountingStream(Stream inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <summary>Bytes read through this stream so far.</summary>
    public long BytesRead => Volatile.Read(ref _read);

    /// <summary>Bytes written through this stream so far.</summary>
    public long BytesWritten => Volatile.Read(ref _written);

    public override bool CanRead => _inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => _inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = _inner.Read(buffer);
        Volatile.Write(ref _read, _read + n);
        return n;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _inner.Write(buffer);
        Volatile.Write(ref _written, _written + buffer.Length);
    }

    public override void Flush() => _inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
