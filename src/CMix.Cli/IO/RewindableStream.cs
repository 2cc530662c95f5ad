namespace CMix.Cli.IO;

/// <summary>
/// A read-only pass-through over a stream that may not seek (a pipe, a FIFO, process
/// substitution): after <see cref="Mark"/> it keeps what it reads, and <see cref="Rewind"/>
/// serves those bytes again before reading on. So an input is opened and read once, yet its
/// archive header can be looked at (memory limit, next archive of a concatenation) before the
/// decoder reads it. Memory held: the bytes read since the last mark (a header, or one byte).
/// </summary>
internal sealed class RewindableStream : Stream
{
    private readonly Stream _inner;
    private readonly List<byte> _buffer = [];
    private int _position;
    private bool _marking;

    /// <summary>Wraps <paramref name="inner"/> (not owned).</summary>
    public RewindableStream(Stream inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <summary>Starts keeping what is read from here on (bytes served again but not yet consumed stay kept).</summary>
    public void Mark()
    {
        _buffer.RemoveRange(0, _position);
        _position = 0;
        _marking = true;
    }

    /// <summary>Makes the bytes read since <see cref="Mark"/> the next ones read, and stops keeping.</summary>
    public void Rewind()
    {
        _position = 0;
        _marking = false;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_position < _buffer.Count)
        {
            int n = Math.Min(buffer.Length, _buffer.Count - _position);
            for (int i = 0; i < n; i++)
            {
                buffer[i] = _buffer[_position + i];
            }

            _position += n;
            return n;
        }

        if (!_marking && _buffer.Count > 0)
        {
            _buffer.Clear();
            _position = 0;
        }

        int got = _inner.Read(buffer);
        if (_marking && got > 0)
        {
            for (int i = 0; i < got; i++)
            {
                _buffer.Add(buffer[i]);
            }

            _position += got;
        }

        return got;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
