namespace CMix.Apm;

/// <summary>How an <see cref="SseChain"/> turns its stages' outputs into the coder's probability.</summary>
public enum SseBlend
{
    /// <summary>
    /// 12-bit chain: the first stage refines the mixer and is blended with it 3:1; each further
    /// stage refines that result and is averaged with it 1:1. No stages: the mixer's output as it is.
    /// </summary>
    Chain,

    /// <summary>
    /// 16-bit average: the first stage's 3:1 blend with the mixer and every further stage's 16-bit
    /// output, weighted by <see cref="SseStage.Weight"/>, rounded, clamped to [2, 65534].
    /// </summary>
    Average,

    /// <summary>
    /// As <see cref="Average"/>, then a learned <see cref="SseMixer"/> blends the mixer's output,
    /// every stage's and the average, starting as the average alone.
    /// </summary>
    LearnedAverage,
}
