namespace CMix.Analysis;

/// <summary>What one <see cref="CostAnalyzer.Analyze"/> pass measured.</summary>
/// <param name="Level">the level of the predictor</param>
/// <param name="Length">bytes analysed</param>
/// <param name="Cost">sum of every byte's cost, in units of 2^-16 bit</param>
/// <param name="CodedBytes">the arithmetic coder's output for the same bits: the archive's coded payload (its segments' coded bytes, without frame headers)</param>
/// <param name="Segments">segments the archive would have (each adds a frame header and a flushed coder byte)</param>
/// <param name="Transform">the transform id the archive would record (0: none)</param>
public sealed record CostSummary(int Level, long Length, long Cost, long CodedBytes, int Segments, int Transform)
{
    /// <summary>The total cost in bits.</summary>
    public double Bits => Cost / (double)Numerics.Ilog.One;

    /// <summary>Bits per input byte (0 for an empty input).</summary>
    public double BitsPerByte => Length == 0 ? 0 : Bits / Length;
}
