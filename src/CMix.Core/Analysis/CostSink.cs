namespace CMix.Analysis;

/// <summary>
/// Receives the costs of consecutive runs of bytes from <see cref="CostAnalyzer.Analyze"/>, in
/// input order: <paramref name="bytes"/>[i] (as read, before any transform) at input position
/// <paramref name="offset"/> + i cost <paramref name="costs"/>[i] units of 2^-16 bit
/// (<see cref="Numerics.Ilog"/>). The spans are valid only during the call.
/// </summary>
public delegate void CostSink(long offset, ReadOnlySpan<byte> bytes, ReadOnlySpan<int> costs);
