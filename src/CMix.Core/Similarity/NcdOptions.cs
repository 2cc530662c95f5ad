namespace CMix.Similarity;

/// <summary>How <see cref="CompressionDistance.Measure"/> measures.</summary>
public sealed record NcdOptions
{
    /// <summary>Default level: the fastest, since the matrix needs one model run per pair.</summary>
    public const int DefaultLevel = 1;

    /// <summary>Model level 1..9 whose cost is measured.</summary>
    public int Level { get; init; } = DefaultLevel;

    /// <summary>Worker threads, each measuring one input's row at a time (0 = all cores). The results do not depend on it.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Measure every ordered pair (C(y|x) and C(x|y) both) instead of each unordered pair once,
    /// the earlier file first: twice the work, an asymmetric matrix.
    /// </summary>
    public bool BothOrders { get; init; }

    /// <summary>
    /// Whether C(y|x) is costed with the learning rates restarted after x
    /// (<c>Predictor.RestartRates</c>: the maps' counts and the mixer's schedule
    /// back to their start, everything learned kept), so that y is learned at a fresh model's
    /// rates from x's knowledge; default true. False costs y from the model exactly as x left it,
    /// what conditional compression (<c>--reference</c>) spends, which is slower to adapt to an
    /// unrelated y than a fresh model and puts most unrelated pairs above NCD 1
    /// (docs/EXPERIMENTS.md).
    /// </summary>
    public bool RestartRates { get; init; } = true;

    /// <summary>
    /// Called after each model run, from worker threads, with the bytes modelled so far (learned
    /// and costed) and in all.
    /// </summary>
    public Action<Coding.CodingProgress>? Progress { get; init; }
}
