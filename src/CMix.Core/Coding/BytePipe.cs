using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace CMix.Coding;

/// <summary>
/// A bounded, blocking byte pipe between exactly one writer thread and one reader thread: the
/// bridge that lets <see cref="CmixStream"/> run the push-style <see cref="Compressor"/> on a
/// coder thread while its caller reads or writes. Memory is bounded by the capacity.
/// </summary>
/// <remarks>
/// Either side can end the pipe: <see cref="CompleteWriting"/> (end of data, or the writer's
/// failure, which the reader then sees after the buffered bytes) and <see cref="CompleteReading"/>
/// (the reader is gone, or failed: every later or blocked <see cref="Write"/> throws). Both are
/// idempotent; the first completion of each side wins.
/// </remarks>
internal sealed class BytePipe
{
    private readonly byte[] _ring;
    private readonly object _gate = new();
    private int _start;  // index of the first buffered byte
    private int _count;  // bytes buffered
    private bool _writingDone;
    private ExceptionDispatchInfo? _writerError;
    private bool _readingDone;
    private ExceptionDispatchInfo? _readerError;

    /// <param name="capacity">bytes buffered at most (&gt; 0)</param>
    public BytePipe(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _ring = new byte[capacity];
    }

    /// <summary>
    /// Copies all of <paramref name="data"/> into the pipe, blocking while it is full. Throws the
    /// reader's error when the reader failed, or <see cref="IOException"/> when it stopped reading.
    /// </summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            if (_writingDone)
            {
                throw new InvalidOperationException("the pipe was completed for writing");
            }

            while (!data.IsEmpty)
            {
                while (_count == _ring.Length && !_readingDone)
                {
                    Monitor.Wait(_gate);
                }

                if (_readingDone)
                {
                    _readerError?.Throw();
                    throw new IOException("the reading side of the stream was closed");
                }

                int end = (_start + _count) % _ring.Length;
                int n = Math.Min(data.Length, Math.Min(_ring.Length - _count, _ring.Length - end));
                data[..n].CopyTo(_ring.AsSpan(end, n));
                _count += n;
                data = data[n..];
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>
    /// Reads up to <paramref name="buffer"/>.Length bytes, blocking until at least one byte is
    /// buffered or the writer completed; returns 0 at the end of data, and throws the writer's
    /// error (after the bytes buffered before it) when it completed with one.
    /// </summary>
    public int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        lock (_gate)
        {
            while (_count == 0 && !_writingDone)
            {
                Monitor.Wait(_gate);
            }

            if (_count == 0)
            {
                _writerError?.Throw();
                return 0;
            }

            int n = Math.Min(buffer.Length, Math.Min(_count, _ring.Length - _start));
            _ring.AsSpan(_start, n).CopyTo(buffer);
            _start = (_start + n) % _ring.Length;
            _count -= n;
            Debug.Assert(_count >= 0);
            Monitor.PulseAll(_gate);
            return n;
        }
    }

    /// <summary>Ends the data; <paramref name="error"/> (when not null) is rethrown to the reader after the buffered bytes.</summary>
    public void CompleteWriting(Exception? error = null)
    {
        lock (_gate)
        {
            if (_writingDone)
            {
                return;
            }

            _writingDone = true;
            _writerError = error is null ? null : ExceptionDispatchInfo.Capture(error);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Stops reading: the writer's blocked and later writes throw (<paramref name="error"/> when not null).</summary>
    public void CompleteReading(Exception? error = null)
    {
        lock (_gate)
        {
            if (_readingDone)
            {
                return;
            }

            _readingDone = true;
            _readerError = error is null ? null : ExceptionDispatchInfo.Capture(error);
            _count = 0;
            Monitor.PulseAll(_gate);
        }
    }
}
