namespace CMix.Similarity;

/// <summary>How <see cref="CompressionDistance.Measure"/> measures.</summary>
public sealed record NcdOptions
{
    /// <summary>Default level: the fastest, since the matrix needs one model run per pair.</summary>
    public const int DefaultLevel = 1;

    /// <summary>Model level 1..9 whose cost is measured.</summary>
    public int Level { get; init; } = DefaultLevel;

    /// <summary>Worker threads (runs are independent; 0 = all cores). The results do not depend on it.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Measure every ordered pair (C(y|x) and C(x|y) both) instead of each unordered pair once,
    /// the earlier file first: twice the work, an asymmetric matrix.
    /// </summary>
    public bool BothOrders { get; init; }

    /// <summary>
    /// Called after each model run, from worker threads, with the bytes modelled so far (learned
    /// and costed) and in all.
    /// </summary>
    public Action<Coding.CodingProgress>? Progress { get; init; }
}
