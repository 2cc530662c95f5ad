namespace CMix.Apm;

/// <summary>A level's SSE: its stages, fixed-rate ones first, and how they are blended (see <see cref="SseChain"/>).</summary>
/// <param name="Blend">how the stages' outputs become the coder's probability</param>
/// <param name="Stages">the stages in order; none: the mixer's output is coded as it is</param>
public sealed record SseSpec(SseBlend Blend, SseStage[] Stages)
{
    /// <summary>Bytes of the stages' bins.</summary>
    public long Bytes
    {
        get
        {
            long bytes = 0;
            foreach (SseStage s in Stages)
            {
                bytes += s.Bytes;
            }

            return bytes;
        }
    }
}
