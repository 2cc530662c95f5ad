using CMix.Coding;

namespace CMix.Cli;

/// <summary>
/// Refuses to start a job whose estimated memory (<see cref="Compressor.EstimateMemory"/>) exceeds
/// the memory limit, instead of letting it thrash or be killed half way. The limit is <c>-M</c> /
/// <c>--memory</c> when given (as in xz and zstd), else the memory available to this process.
/// Decompression is checked from each archive's header, before any model is built.
/// </summary>
internal static class MemoryGuard
{
    /// <summary>Bytes this process may use: the GC's view, which honours cgroup limits.</summary>
    public static long Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>
    /// Throws <see cref="CliException"/> when compressing needs more than the limit and
    /// <paramref name="force"/> is false; <paramref name="inputLength"/> (when known) sizes the
    /// tables as the compressor will (<see cref="Compressor.ResolveInputBits(long?, long, long)"/>,
    /// with the reference the model learns first, <paramref name="referenceLength"/> bytes).
    /// </summary>
    public static void Check(int level, int threads, long blockSize, bool force, long? limit = null, long? inputLength = null, long referenceLength = 0)
    {
        long needed = Compressor.EstimateMemory(level, threads, blockSize, Compressor.ResolveInputBits(inputLength, blockSize, referenceLength));
        long available = limit ?? Available;
        if (needed > available && !force)
        {
            throw new CliException(
                $"level {level} with {Math.Max(threads, 1)} thread(s) needs about {ByteSize.Mib(needed)} but {Describe(available, limit)}; " +
                "use a lower level (-1..-9) or fewer threads (-T), raise the limit with -M SIZE, or --force-memory to try anyway");
        }
    }

    /// <summary>
    /// Throws <see cref="CliException"/> when decompressing the archive of <paramref name="header"/>
    /// with <paramref name="threads"/> needs more than the limit and <paramref name="force"/> is
    /// false. A multi-block archive decodes at most one block per thread and never more blocks at
    /// once than it has, so the estimate counts min(threads, blocks) models when the length is known.
    /// </summary>
    public static void CheckDecompression(ArchiveHeader header, int threads, bool force, long? limit)
    {
        int workers = header.BlockSize == 0 ? 1 : (threads == 0 ? Environment.ProcessorCount : threads);
        if (header.BlockSize > 0 && header.OriginalLength is long length)
        {
            long blocks = Math.Max(1, (length + header.BlockSize - 1) / header.BlockSize);
            workers = (int)Math.Min(workers, blocks);
        }

        long needed = Compressor.EstimateMemory(header.Level, workers, header.BlockSize, header.InputBits);
        long available = limit ?? Available;
        if (needed > available && !force)
        {
            throw new CliException(
                $"decompression needs about {ByteSize.Mib(needed)} (archive level {header.Level}, {workers} thread(s)) but {Describe(available, limit)}; " +
                "raise the limit with -M SIZE (--memory), use fewer threads (-T), or --force-memory to try anyway");
        }
    }

    private static string Describe(long available, long? limit) =>
        limit is null ? $"only {ByteSize.Mib(available)} is available" : $"the memory limit (-M) is {ByteSize.Mib(available)}";
}
