namespace CMix.CorpusBench;

/// <summary>
/// What one compressor did on one input: sizes, median wall times over the repeats, the peak
/// resident set size (the largest over the repeats; null when it could not be measured) and
/// whether the decompressed bytes equalled the input in every repeat.
/// </summary>
internal sealed record Measurement(
    string File,
    long OriginalBytes,
    string Compressor,
    int? Level,
    long CompressedBytes,
    double CompressSeconds,
    double DecompressSeconds,
    long? PeakRssBytes,
    bool RoundTrip,
    int Repeats)
{
    /// <summary>Bits per input byte; 0 for an empty input.</summary>
    public double BitsPerByte => OriginalBytes == 0 ? 0 : CompressedBytes * 8.0 / OriginalBytes;

    /// <summary>Compression throughput in MB/s (10^6 input bytes per second).</summary>
    public double CompressMBps => Throughput(OriginalBytes, CompressSeconds);

    /// <summary>Decompression throughput in MB/s (10^6 output bytes per second).</summary>
    public double DecompressMBps => Throughput(OriginalBytes, DecompressSeconds);

    /// <summary>MB/s for <paramref name="bytes"/> in <paramref name="seconds"/>; 0 when no time was measured.</summary>
    public static double Throughput(long bytes, double seconds) => seconds > 0 ? bytes / seconds / 1e6 : 0;

    /// <summary>Median of a non-empty list (mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
