using System.Globalization;

namespace CMix.CorpusBench;

/// <summary>
/// One row of <c>benchmarks/history.csv</c>: one compressor on one input (or the run's
/// <see cref="Report.TotalName"/>) in one run. A CMix row has <see cref="Compressor"/> =
/// <see cref="CmixCompressor"/> and a <see cref="Level"/>; a peer row (written for totals only)
/// has the peer's report name (e.g. <c>xz -9e</c>) and no level. A null field is unknown: not
/// measured in that run, or older than its column.
/// </summary>
/// <param name="Commit">the measured commit, <c>git rev-parse --short=10 HEAD</c>, with <c>+dirty</c> for uncommitted changes</param>
/// <param name="Date">the run's start, ISO 8601 UTC to the second</param>
/// <param name="File">the input's name, or <see cref="Report.TotalName"/></param>
/// <param name="Level">CMix's level; null for a peer</param>
/// <param name="Bytes">input bytes</param>
/// <param name="Compressed">archive bytes</param>
/// <param name="Bpb">bits per input byte</param>
/// <param name="CompressMBps">compression throughput, 10^6 input bytes per second</param>
/// <param name="XzRatio">compression throughput divided by xz -9e's on the same input in the same run</param>
/// <param name="ModelVersion">CMix's <c>ModelSettings.ModelVersion</c> in the measured build (for peer rows, the run's)</param>
/// <param name="Compressor"><see cref="CmixCompressor"/> or a peer's report name</param>
/// <param name="DecompressMBps">decompression throughput, 10^6 output bytes per second</param>
/// <param name="PeakRssMiB">peak resident set size in MiB (2^20 bytes); for a total, the largest of the run's inputs</param>
internal sealed record HistoryRow(
    string Commit,
    string Date,
    string File,
    int? Level,
    long Bytes,
    long Compressed,
    double Bpb,
    double? CompressMBps,
    double? XzRatio,
    int? ModelVersion,
    string Compressor,
    double? DecompressMBps,
    double? PeakRssMiB)
{
    /// <summary>The <see cref="Compressor"/> of CMix's rows.</summary>
    public const string CmixCompressor = "cmix";

    /// <summary>The header of the current schema: the nine original columns, then the four added later.</summary>
    public const string Header = FirstHeader + ",model_version,compressor,decompress_mbps,peak_rss_mib";

    /// <summary>The header of the first schema, whose rows are CMix's with the four later columns unknown.</summary>
    public const string FirstHeader = "commit,date,file,level,bytes,compressed,bpb,compress_mbps,xz_ratio";

    private const int FirstFieldCount = 9;
    private const int FieldCount = 13;

    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>Whether this is a CMix row.</summary>
    public bool IsCmix => Compressor == CmixCompressor;

    /// <summary>
    /// Parses a line of either schema; a first-schema line (9 fields) is a CMix row with the
    /// later columns unknown. Throws <see cref="FormatException"/> naming the line otherwise.
    /// </summary>
    public static HistoryRow Parse(string line)
    {
        string[] f = line.Split(',');
        if (f.Length != FirstFieldCount && f.Length != FieldCount)
        {
            throw new FormatException($"expected {FieldCount} fields ({Header}) or {FirstFieldCount} ({FirstHeader}), got {f.Length}: {line}");
        }

        string Field(int i) => i < f.Length ? f[i] : "";
        string compressor = Field(10).Length > 0 ? f[10] : CmixCompressor;
        return new HistoryRow(f[0], f[1], f[2], OptionalInt(f[3]), long.Parse(f[4], s_inv), long.Parse(f[5], s_inv), double.Parse(f[6], s_inv),
            OptionalDouble(f[7]), OptionalDouble(f[8]), OptionalInt(Field(9)), compressor, OptionalDouble(Field(11)), OptionalDouble(Field(12)));
    }

    /// <summary>The row as a line of the current schema (no newline): ratios and speeds to 4 decimals, memory to 0.1 MiB.</summary>
    public string Format() =>
        string.Join(',',
            Commit, Date, File, Level?.ToString(s_inv) ?? "", Bytes.ToString(s_inv), Compressed.ToString(s_inv), Bpb.ToString("F4", s_inv),
            Decimals(CompressMBps, "F4"), Decimals(XzRatio, "F4"), ModelVersion?.ToString(s_inv) ?? "", Compressor,
            Decimals(DecompressMBps, "F4"), Decimals(PeakRssMiB, "F1"));

    /// <summary>The history row of <paramref name="m"/>, measured in the run of <paramref name="report"/>.</summary>
    public static HistoryRow From(Report report, Measurement m) =>
        new(report.Info.Commit, report.Info.DateText, m.File, m.Level, m.OriginalBytes, m.CompressedBytes, Math.Round(m.BitsPerByte, 4),
            Math.Round(m.CompressMBps, 4), report.XzRatio(m) is double x ? Math.Round(x, 4) : null, report.Info.ModelVersion,
            m.Level is null ? m.Compressor : CmixCompressor, m.DecompressSeconds > 0 ? Math.Round(m.DecompressMBps, 4) : null,
            m.PeakRssBytes is long p ? Math.Round(p / 1048576.0, 1) : null);

    private static int? OptionalInt(string s) => s.Length > 0 ? int.Parse(s, s_inv) : null;

    private static double? OptionalDouble(string s) => s.Length > 0 ? double.Parse(s, s_inv) : null;

    private static string Decimals(double? v, string format) => v is double d ? d.ToString(format, s_inv) : "";
}
