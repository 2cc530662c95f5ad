namespace CMix.Coding;

/// <summary>
/// One end of a <see cref="BytePipe"/> as a forward-only stream, handed to the
/// <see cref="Compressor"/> on <see cref="CmixStream"/>'s coder thread: the reading end is the
/// compressor's input, the writing end the decompressor's output. Disposing does not complete
/// the pipe; the coder thread does that with its result.
/// </summary>
internal sealed class BytePipeStream(BytePipe pipe, bool readable) : Stream
{
    public override bool CanRead => readable;

    public override bool CanSeek => false;

    public override bool CanWrite => !readable;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) =>
        readable ? pipe.Read(buffer) : throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (readable)
        {
            throw new NotSupportedException();
        }

        pipe.Write(buffer);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
