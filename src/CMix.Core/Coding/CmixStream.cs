using System.IO.Compression;
using System.Runtime.ExceptionServices;
using CMix.Prediction;

namespace CMix.Coding;

/// <summary>
/// A CMix archive as a <see cref="Stream"/>, in the shape of
/// <see cref="System.IO.Compression.BrotliStream"/>: in <see cref="CompressionMode.Compress"/>
/// mode, bytes written to it are compressed to the base stream; in
/// <see cref="CompressionMode.Decompress"/> mode, reading it decompresses the base stream.
/// </summary>
/// <remarks>
/// <para>The archive is byte for byte what <see cref="Compressor.Compress(Stream, Stream, CompressionOptions, Action{CodingProgress}?, Mixing.MixerKernel?)"/>
/// writes for the same options, and any archive (from the CLI, the
/// static API or this class) can be read; the coder is the same code. It runs on a coder thread
/// that the stream starts at the first read or write and joins at dispose; the two sides meet in
/// a bounded buffer of <see cref="BufferSize"/> bytes, so memory is the model's plus that.</para>
/// <para>Compressing: the archive is complete only after <see cref="Stream.Dispose()"/>, which
/// codes the rest and writes the end frame (and rethrows a failure of the coder). Without
/// <see cref="CompressionOptions.InputLength"/> the length is unknown and the model has the
/// level's full tables; with it, the tables are sized for that length (as for a file), and the
/// caller must write exactly that many bytes, else <see cref="Stream.Dispose()"/> throws
/// <see cref="IOException"/>.
/// <see cref="Flush"/> cannot end a segment early and does nothing.</para>
/// <para>Decompressing: bytes are returned as they are decoded; the checksum covers the whole
/// input, so the last read (the one that returns 0) is the one that proves it, and a damaged
/// archive makes a read throw <see cref="CmixFormatException"/>. The base stream must end with
/// the archive: data after it is an error, as it is for <see cref="Compressor.Decompress(Stream, Stream, int, Action{CodingProgress}?, Mixing.MixerKernel?)"/>.</para>
/// <para>One caller at a time (as for other streams); not seekable; no length. Dispose it: until
/// then the coder thread and the model's memory stay (a compressing stream that is never disposed
/// also never writes its end frame).</para>
/// </remarks>
public sealed class CmixStream : Stream
{
    /// <summary>Bytes buffered between the caller and the coder thread.</summary>
    public const int BufferSize = 1 << 20;

    private readonly Stream _stream;
    private readonly CompressionMode _mode;
    private readonly CompressionOptions _options;
    private readonly bool _leaveOpen;
    private readonly BytePipe _pipe = new(BufferSize);
    private readonly CancellationTokenSource _stop = new();
    private Thread? _coder;
    private ExceptionDispatchInfo? _coderError;
    private bool _disposed;

    /// <summary>Compresses to or decompresses from <paramref name="stream"/>, which is disposed with this stream.</summary>
    public CmixStream(Stream stream, CompressionMode mode)
        : this(stream, mode, leaveOpen: false)
    {
    }

    /// <summary>Compresses (at the default level) to, or decompresses from, <paramref name="stream"/>; <paramref name="leaveOpen"/> keeps it open after dispose.</summary>
    public CmixStream(Stream stream, CompressionMode mode, bool leaveOpen)
        : this(stream, mode, new CompressionOptions(), leaveOpen)
    {
    }

    /// <summary>Compresses to <paramref name="stream"/> at the CMix level that <paramref name="level"/> maps to (see <see cref="LevelFor"/>).</summary>
    public CmixStream(Stream stream, CompressionLevel level)
        : this(stream, level, leaveOpen: false)
    {
    }

    /// <summary>As <see cref="CmixStream(Stream, CompressionLevel)"/>; <paramref name="leaveOpen"/> keeps <paramref name="stream"/> open after dispose.</summary>
    public CmixStream(Stream stream, CompressionLevel level, bool leaveOpen)
        : this(stream, CompressionMode.Compress, new CompressionOptions { Level = LevelFor(level) }, leaveOpen)
    {
    }

    /// <summary>Compresses to <paramref name="stream"/> at CMix level <paramref name="level"/> (1 fastest .. 9 strongest).</summary>
    public CmixStream(Stream stream, int level, bool leaveOpen = false)
        : this(stream, CompressionMode.Compress, new CompressionOptions { Level = CheckLevel(level) }, leaveOpen)
    {
    }

    /// <summary>Compresses to <paramref name="stream"/> with <paramref name="options"/> (level, threads, block size, stored name, transform).</summary>
    public CmixStream(Stream stream, CompressionOptions options, bool leaveOpen = false)
        : this(stream, CompressionMode.Compress, options, leaveOpen)
    {
    }

    private CmixStream(Stream stream, CompressionMode mode, CompressionOptions options, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        switch (mode)
        {
            case CompressionMode.Compress:
                if (!stream.CanWrite)
                {
                    throw new ArgumentException("the stream must be writable to compress to it", nameof(stream));
                }

                CheckLevel(options.Level);
                break;
            case CompressionMode.Decompress:
                if (!stream.CanRead)
                {
                    throw new ArgumentException("the stream must be readable to decompress from it", nameof(stream));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), "mode must be CompressionMode.Compress or CompressionMode.Decompress");
        }

        _stream = stream;
        _mode = mode;
        _options = options;
        _leaveOpen = leaveOpen;
    }

    /// <summary>The stream the archive is written to or read from.</summary>
    public Stream BaseStream => _stream;

    /// <summary>
    /// The CMix level for a <see cref="CompressionLevel"/>: <see cref="CompressionLevel.Optimal"/> →
    /// the default level (4), <see cref="CompressionLevel.Fastest"/> and
    /// <see cref="CompressionLevel.NoCompression"/> → 1 (CMix always models the data),
    /// <see cref="CompressionLevel.SmallestSize"/> → 9.
    /// </summary>
    public static int LevelFor(CompressionLevel level) => level switch
    {
        CompressionLevel.Optimal => ModelSettings.DefaultLevel,
        CompressionLevel.Fastest or CompressionLevel.NoCompression => ModelSettings.MinLevel,
        CompressionLevel.SmallestSize => ModelSettings.MaxLevel,
        _ => throw new ArgumentOutOfRangeException(nameof(level), $"unknown compression level {(int)level}"),
    };

    /// <inheritdoc/>
    public override bool CanRead => !_disposed && _mode == CompressionMode.Decompress;

    /// <inheritdoc/>
    public override bool CanWrite => !_disposed && _mode == CompressionMode.Compress;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    /// <summary>Reads decompressed bytes; 0 at the verified end; throws <see cref="CmixFormatException"/> on a damaged archive.</summary>
    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_mode != CompressionMode.Decompress)
        {
            throw new NotSupportedException("this CmixStream compresses; it cannot be read");
        }

        EnsureCoder();
        return _pipe.Read(buffer);
    }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    /// <summary>Compresses <paramref name="buffer"/>; throws the coder's failure (for example the base stream's <see cref="IOException"/>).</summary>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_mode != CompressionMode.Compress)
        {
            throw new NotSupportedException("this CmixStream decompresses; it cannot be written");
        }

        EnsureCoder();
        _pipe.Write(buffer);
    }

    /// <summary>Does nothing: a context-mixing coder cannot end a segment early; the archive is complete at dispose.</summary>
    public override void Flush() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>
    /// Compressing: ends the input, waits for the coder to write the rest of the archive, and
    /// rethrows its failure. Decompressing: stops the coder (unread data is dropped). Then
    /// disposes the base stream unless it was left open.
    /// </summary>
    protected override void Dispose(bool disposing)
    {
        if (!disposing || _disposed)
        {
            base.Dispose(disposing);
            return;
        }

        _disposed = true;
        try
        {
            if (_mode == CompressionMode.Compress)
            {
                EnsureCoder();  // an empty input still makes a valid (empty) archive
                _pipe.CompleteWriting();
                _coder!.Join();
                _coderError?.Throw();
            }
            else if (_coder is not null)
            {
                // Cancellation stops the decoder within 64 KiB of output, not at the end of its segment.
                _stop.Cancel();
                _pipe.CompleteReading();
                _coder.Join();
            }
        }
        finally
        {
            _stop.Dispose();
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private static int CheckLevel(int level) =>
        level is < ModelSettings.MinLevel or > ModelSettings.MaxLevel
            ? throw new ArgumentOutOfRangeException(nameof(level), $"level must be {ModelSettings.MinLevel}..{ModelSettings.MaxLevel}, not {level}")
            : level;

    /// <summary>Starts the coder thread once, at the first read or write (or at dispose when compressing nothing).</summary>
    private void EnsureCoder()
    {
        if (_coder is not null)
        {
            return;
        }

        _coder = new Thread(_mode == CompressionMode.Compress ? RunCompressor : RunDecompressor)
        {
            IsBackground = true,
            Name = "cmix stream coder",
        };
        _coder.Start();
    }

    private void RunCompressor()
    {
        try
        {
            Compressor.Compress(new BytePipeStream(_pipe, readable: true), _stream, _options);
            _pipe.CompleteReading();
        }
        catch (Exception e)
        {
            _coderError = ExceptionDispatchInfo.Capture(e);
            _pipe.CompleteReading(e);  // a blocked or later Write throws it
        }
    }

    private void RunDecompressor()
    {
        try
        {
            Compressor.Decompress(_stream, new BytePipeStream(_pipe, readable: false), threads: 1, progress: null, _stop.Token);
            _pipe.CompleteWriting();
        }
        catch (Exception e)
        {
            _pipe.CompleteWriting(e);  // the reader sees it after the bytes decoded before it
        }
    }
}
