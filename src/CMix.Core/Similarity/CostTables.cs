using System.Numerics;
using CMix.Prediction;

namespace CMix.Similarity;

/// <summary>
/// Table sizes for measuring small inputs: a level's tables shrunk to what the longest model run
/// can fill, because a predictor with full-size tables spends longer clearing them (tens to
/// hundreds of MB) than modelling 20 KB, and an NCD matrix builds a predictor per pair. Only the
/// cost path uses this; compression always uses the level's own sizes.
/// </summary>
internal static class CostTables
{
    /// <summary>Smallest table, in log2 of entries (below this a run of even a few bytes collides).</summary>
    private const int MinBits = 12;

    /// <summary>
    /// <paramref name="level"/>'s settings with tables for runs of at most <paramref name="runBytes"/>
    /// bytes: the context model's 64-byte buckets about one per hashed context and byte, the
    /// history and the match table twice the run, never larger than the level's own.
    /// </summary>
    public static ModelSettings For(int level, long runBytes)
    {
        var settings = ModelSettings.ForLevel(level);
        int runBits = CeilLog2(Math.Max(runBytes, 1));
        int contexts = Math.Max(settings.ContextCount, 1);
        int hashBits = Math.Clamp(CeilLog2(Math.Max(runBytes, 1) * contexts), MinBits, settings.Contexts?.HashBits ?? MinBits);
        int historyBits = Math.Clamp(runBits + 1, 16, settings.HistoryBits);
        int matchBits = Math.Clamp(runBits + 1, MinBits + 2, settings.Match?.HashBits ?? MinBits + 2);
        return settings.WithTables(hashBits, historyBits, matchBits);
    }

    private static int CeilLog2(long n) => 64 - BitOperations.LeadingZeroCount((ulong)(n - 1));
}
