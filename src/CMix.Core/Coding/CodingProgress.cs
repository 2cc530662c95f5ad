namespace CMix.Coding;

/// <summary>A progress report: uncompressed bytes processed so far and the total when known.</summary>
public readonly record struct CodingProgress(long ProcessedBytes, long? TotalBytes);
