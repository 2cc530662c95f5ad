using System.Globalization;

namespace CMix.CorpusBench;

/// <summary>
/// One point of the history chart's commit axis: a commit's <c>TOTAL</c> rows, CMix's by level
/// and the peers' by name. When a commit was measured more than once, its last row for each
/// level and peer counts, and the date is its last run's.
/// </summary>
/// <param name="Commit">the commit as the history names it</param>
/// <param name="Date">the last run's date, ISO 8601 UTC</param>
/// <param name="ModelVersion">CMix's model version at that commit; null when the history does not say</param>
/// <param name="Levels">CMix's total per level</param>
/// <param name="Peers">each peer's total, by report name</param>
internal sealed record HistoryRun(string Commit, string Date, int? ModelVersion, IReadOnlyDictionary<int, HistoryRow> Levels, IReadOnlyDictionary<string, HistoryRow> Peers)
{
    /// <summary>The runs of <paramref name="rows"/>, one per commit, in the order the commits first appear.</summary>
    public static List<HistoryRun> From(IEnumerable<HistoryRow> rows)
    {
        var totals = rows.Where(r => r.File == Report.TotalName).ToList();
        return totals.Select(t => t.Commit).Distinct().Select(commit =>
        {
            var own = totals.Where(t => t.Commit == commit).ToList();
            var levels = new Dictionary<int, HistoryRow>();
            var peers = new Dictionary<string, HistoryRow>(StringComparer.Ordinal);
            foreach (var t in own)
            {
                if (t.IsCmix && t.Level is int level)
                {
                    levels[level] = t;
                }
                else if (!t.IsCmix)
                {
                    peers[t.Compressor] = t;
                }
            }

            int? version = own.LastOrDefault(t => t.IsCmix && t.ModelVersion is not null)?.ModelVersion;
            return new HistoryRun(commit, own[^1].Date, version, levels, peers);
        }).ToList();
    }

    /// <summary>The date as the axis shows it, <c>MM-dd HH:mm</c> (UTC); the raw text when it is not a date.</summary>
    public string ShortDate =>
        DateTimeOffset.TryParse(Date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture)
            : Date;

    /// <summary>The commit as the axis shows it: 7 hex digits, then any suffix such as <c>+dirty</c>.</summary>
    public string ShortCommit
    {
        get
        {
            int plus = Commit.IndexOf('+', StringComparison.Ordinal);
            string hash = plus < 0 ? Commit : Commit[..plus];
            return (hash.Length > 7 ? hash[..7] : hash) + (plus < 0 ? "" : Commit[plus..]);
        }
    }
}
