using CMix.Analysis;

namespace CMix.Cli.Analysis;

/// <summary>Everything one <c>cmix analyze</c> run measured, for the reports.</summary>
/// <param name="Name">the input as the user named it ("(stdin)" for standard input)</param>
/// <param name="Summary">the analyzer's totals</param>
/// <param name="Profile">windows, log windows and byte classes</param>
/// <param name="Sample">the bytes the HTML page shows</param>
/// <param name="Parts">each part's share, or empty when not measured</param>
/// <param name="PartsPrefix">bytes the parts were measured on</param>
/// <param name="Seconds">wall time of the main pass</param>
internal sealed record AnalysisResult(string Name, CostSummary Summary, CostProfile Profile, CostSample Sample, IReadOnlyList<PartCost> Parts, long PartsPrefix, double Seconds)
{
    /// <summary>Bytes of container framing an archive of this input would add to the coded payload (without the header, whose length depends on the stored name).</summary>
    public long FrameBytes => (17L * Summary.Segments) + 21;

    /// <summary>Human names of the byte classes, in <see cref="ByteKind"/> order.</summary>
    public static readonly string[] KindNames = ["letters", "digits", "space", "punctuation", "markup", "utf8-lead", "utf8-continuation", "binary"];
}
