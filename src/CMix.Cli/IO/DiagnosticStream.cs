namespace CMix.Cli.IO;

/// <summary>
/// Standard error of the CLI and the stub: writes to descriptor 2 and drops what cannot be written (a closed
/// or broken stderr), as the console streams do, so a message about one failure never becomes
/// a second, unhandled one.
/// </summary>
internal sealed class DiagnosticStream : Stream
{
    private readonly Stream _inner;
    private bool _broken;

    /// <param name="inner">the stream on descriptor 2</param>
    public DiagnosticStream(Stream inner)
    {
        _inner = inner;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_broken)
        {
            return;
        }

        try
        {
            _inner.Write(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _broken = true;
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // Overridden so that Stream's default, which rents from ArrayPool, is not compiled into the SFX stub.
    public override int Read(Span<byte> buffer) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
