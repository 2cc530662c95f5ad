namespace CMix.Analysis;

/// <summary>
/// One part's share, from <see cref="CostAnalyzer.MeasureParts"/>: the cost of the same prefix
/// with this part's mixer inputs silenced, against the cost with every part.
/// </summary>
/// <param name="Name">the part as a level's table describes it (e.g. "match 6")</param>
/// <param name="Inputs">mixer inputs the part adds per bit</param>
/// <param name="Cost">cost of the prefix with all parts, units of 2^-16 bit</param>
/// <param name="CostWithout">cost of the prefix with this part's inputs set to 0</param>
public sealed record PartCost(string Name, int Inputs, long Cost, long CostWithout)
{
    /// <summary>Bits the part's inputs save on the prefix (negative: the model does better without them).</summary>
    public double SavedBits => (CostWithout - Cost) / (double)Numerics.Ilog.One;
}
