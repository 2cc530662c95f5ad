using CMix.Coding;

namespace CMix.Cli;

/// <summary>
/// Refuses to start a job whose estimated memory (<see cref="Compressor.EstimateMemory"/>) exceeds
/// the memory available to this process, instead of letting it thrash or be killed half way.
/// </summary>
internal static class MemoryGuard
{
    /// <summary>Bytes this process may use: the GC's view, which honours cgroup limits.</summary>
    public static long Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Throws <see cref="CliException"/> when the estimate exceeds <see cref="Available"/> and <paramref name="force"/> is false.</summary>
    public static void Check(int level, int threads, long blockSize, bool force)
    {
        long needed = Compressor.EstimateMemory(level, threads, blockSize);
        long available = Available;
        if (needed > available && !force)
        {
            throw new CliException(
                $"level {level} with {Math.Max(threads, 1)} thread(s) needs about {ByteSize.Mib(needed)} but only {ByteSize.Mib(available)} is available; " +
                "use a lower level (-1..-9) or fewer threads (-T), or --force-memory to try anyway");
        }
    }
}
