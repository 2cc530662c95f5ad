namespace CMix.Apm;

/// <summary>One SSE stage of a level: its context's role and size, its map, what it refines and its weight in the blend.</summary>
/// <param name="Role">the context</param>
/// <param name="Contexts">contexts of the role (the stage's rows)</param>
/// <param name="Adaptive">an <see cref="AdaptiveApm"/> (count-based rates) instead of an <see cref="Apm"/> (fixed rate)</param>
/// <param name="RefinesFirst">whether the stage refines the first stage's 12-bit blend with the mixer, else the mixer's output</param>
/// <param name="Weight">the stage's weight in the 16-bit average (the first stage's weight counts its blend with the mixer)</param>
public sealed record SseStage(SseRole Role, int Contexts, bool Adaptive = false, bool RefinesFirst = false, int Weight = 1)
{
    /// <summary>Bytes of the stage's bins.</summary>
    public long Bytes => Adaptive ? AdaptiveApm.Bytes(Contexts) : Apm.Bytes(Contexts);
}
