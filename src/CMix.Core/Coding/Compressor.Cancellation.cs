namespace CMix.Coding;

/// <summary>Cancellable and asynchronous forms of <see cref="Compressor"/>'s static API.</summary>
/// <remarks>
/// Cancellation is checked before any byte is read or written and then every 64 KiB of coded
/// input, so a request takes effect within a fraction of a second at every level. A cancelled
/// call throws <see cref="OperationCanceledException"/> and leaves no partial state: the models
/// are freed, no coder thread is left running, and an output stream that was written at its end
/// (a seekable stream positioned at its length, such as a new file or a <see cref="MemoryStream"/>)
/// is cut back to the length it had, so it holds no partial archive or partial output. A
/// non-seekable output (a pipe, a socket) keeps the bytes already sent: a CMix decoder refuses
/// them as a truncated archive. The input stream is left wherever reading stopped.
/// The asynchronous forms run the same synchronous coder on a thread-pool thread (coding is CPU
/// bound; the streams are used synchronously from that thread); their archives are byte for byte
/// those of the synchronous calls.
/// </remarks>
public static partial class Compressor
{
    /// <summary>
    /// As <see cref="Compress(Stream, Stream, CompressionOptions, Action{CodingProgress}?, Mixing.MixerKernel?)"/>,
    /// stopping with <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public static long Compress(Stream input, Stream output, CompressionOptions options, Action<CodingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        cancellationToken.ThrowIfCancellationRequested();
        long start = AppendStart(output);
        try
        {
            return Compress(input, output, options, Checked(progress, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            CutBack(output, start);
            throw;
        }
    }

    /// <summary>
    /// As <see cref="Decompress(Stream, Stream, int, Action{CodingProgress}?, Mixing.MixerKernel?)"/>,
    /// stopping with <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public static long Decompress(Stream input, Stream output, int threads, Action<CodingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        cancellationToken.ThrowIfCancellationRequested();
        long start = AppendStart(output);
        try
        {
            return Decompress(input, output, threads, Checked(progress, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            CutBack(output, start);
            throw;
        }
    }

    /// <summary>Compresses on a thread-pool thread; the task's result is the original length.</summary>
    public static Task<long> CompressAsync(Stream input, Stream output, CompressionOptions options, CancellationToken cancellationToken) =>
        CompressAsync(input, output, options, progress: null, cancellationToken);

    /// <summary>Compresses on a thread-pool thread, reporting to <paramref name="progress"/>; the task's result is the original length.</summary>
    public static Task<long> CompressAsync(Stream input, Stream output, CompressionOptions options, Action<CodingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        return Task.Run(() => Compress(input, output, options, progress, cancellationToken), cancellationToken);
    }

    /// <summary>Decompresses on a thread-pool thread with one thread of decoding; the task's result is the original length.</summary>
    public static Task<long> DecompressAsync(Stream input, Stream output, CancellationToken cancellationToken) =>
        DecompressAsync(input, output, threads: 1, progress: null, cancellationToken);

    /// <summary>Decompresses on a thread-pool thread (<paramref name="threads"/> as for the synchronous call); the task's result is the original length.</summary>
    public static Task<long> DecompressAsync(Stream input, Stream output, int threads = 1, Action<CodingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        return Task.Run(() => Decompress(input, output, threads, progress, cancellationToken), cancellationToken);
    }

    /// <summary>A progress sink that checks <paramref name="token"/> at every report, then forwards to <paramref name="progress"/>.</summary>
    private static Action<CodingProgress> Checked(Action<CodingProgress>? progress, CancellationToken token) => p =>
    {
        token.ThrowIfCancellationRequested();
        progress?.Invoke(p);
    };

    /// <summary>The length to cut <paramref name="output"/> back to on cancellation, or -1 when it is not written at its end.</summary>
    private static long AppendStart(Stream output)
    {
        if (!output.CanSeek || !output.CanWrite)
        {
            return -1;
        }

        long position = output.Position;
        return position == output.Length ? position : -1;
    }

    private static void CutBack(Stream output, long start)
    {
        if (start < 0)
        {
            return;
        }

        try
        {
            output.SetLength(start);
            output.Position = start;
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            // The cancellation is what the caller must see; a stream that cannot be cut back
            // keeps its partial bytes, as a non-seekable one does.
        }
    }
}
