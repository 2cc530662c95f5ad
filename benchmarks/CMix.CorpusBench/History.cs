using System.Globalization;
using System.Text;

namespace CMix.CorpusBench;

/// <summary>
/// The committed history of CMix's results (<see cref="HistoryRow"/>): per run, one row per
/// (input, level), a <c>TOTAL</c> row per level, and a <c>TOTAL</c> row per peer that ran. Rows
/// are never rewritten; the file's order is the order of the runs. A history only compares like
/// with like, so a run is appended only when its inputs total the same bytes as the history's
/// last run (or the history is empty).
/// </summary>
internal static class History
{
    /// <summary>
    /// Appends the rows of <paramref name="report"/> to <paramref name="path"/> (creating it with
    /// the header). Returns false, after a message and without writing, when the run's inputs
    /// differ from the history's last run or the run measured no CMix level.
    /// </summary>
    public static bool Append(string path, Report report)
    {
        var cmixTotals = report.Compressors.Select(c => report.Totals[c]).Where(t => t.Level is not null).ToList();
        if (cmixTotals.Count == 0)
        {
            Console.Error.WriteLine($"error: no CMix level ran, so nothing was appended to {RepoPaths.Show(path)}");
            return false;
        }

        bool exists = File.Exists(path) && new FileInfo(path).Length > 0;
        long inputBytes = cmixTotals[0].OriginalBytes;
        if (exists && Read(path).LastOrDefault(r => r.IsCmix && r.File == Report.TotalName) is { } last && last.Bytes != inputBytes)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"error: not appended to {RepoPaths.Show(path)}: this run's inputs total {inputBytes:N0} bytes, its last run's ({last.Commit}) {last.Bytes:N0}; the history compares the same inputs only (skip it with --no-history, or start another with --history PATH)"));
            return false;
        }

        var sb = new StringBuilder();
        if (!exists)
        {
            sb.Append(HistoryRow.Header).Append('\n');
        }

        var rows = report.Rows.Where(r => r.Level is not null)
            .Concat(report.Compressors.Select(c => report.Totals[c]).OrderBy(t => t.Level is null))
            .Select(m => HistoryRow.From(report, m))
            .ToList();
        foreach (var row in rows)
        {
            sb.Append(row.Format()).Append('\n');
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.AppendAllText(path, sb.ToString());
        Console.WriteLine($"appended {rows.Count} rows for {report.Info.Commit} (model version {report.Info.ModelVersion}) to {RepoPaths.Show(path)}");
        return true;
    }

    /// <summary>Reads every row of a history file of either schema (see <see cref="HistoryRow.Parse"/>); header and <c>#</c> lines are skipped.</summary>
    public static List<HistoryRow> Read(string path)
    {
        var rows = new List<HistoryRow>();
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0 || line == HistoryRow.Header || line == HistoryRow.FirstHeader || line.StartsWith('#'))
            {
                continue;
            }

            try
            {
                rows.Add(HistoryRow.Parse(line));
            }
            catch (FormatException e)
            {
                throw new FormatException($"{RepoPaths.Show(path)} line {number}: {e.Message}", e);
            }
        }

        return rows;
    }
}
