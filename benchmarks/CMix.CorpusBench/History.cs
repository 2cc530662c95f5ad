using System.Globalization;
using System.Text;

namespace CMix.CorpusBench;

/// <summary>
/// The committed history of CMix's results: one row per (commit, input, level) appended by
/// <c>--append-history</c>, plus a <c>TOTAL</c> row per level that the chart plots. Rows are
/// never rewritten; the file's order is the order of the runs.
/// </summary>
internal static class History
{
    /// <summary>The CSV header of the history file.</summary>
    public const string Header = "commit,date,file,level,bytes,compressed,bpb,compress_mbps,xz_ratio";

    /// <summary>One history row.</summary>
    internal sealed record Row(string Commit, string Date, string File, int Level, long Bytes, long Compressed, double Bpb, double CompressMBps, double? XzRatio);

    /// <summary>Appends the CMix rows of <paramref name="report"/> and their per-level totals to <paramref name="path"/>.</summary>
    public static void Append(string path, Report report)
    {
        var sb = new StringBuilder();
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            sb.Append(Header).Append('\n');
        }

        var cmix = report.Rows.Where(r => r.Level is not null).ToList();
        var totals = report.Compressors.Select(c => report.Totals[c]).Where(t => t.Level is not null);
        int count = 0;
        foreach (var m in cmix.Concat(totals))
        {
            string ratio = report.XzRatio(m) is double x ? x.ToString("F4", CultureInfo.InvariantCulture) : "";
            sb.Append(CultureInfo.InvariantCulture, $"{report.Info.Commit},{report.Info.DateText},{m.File},{m.Level},{m.OriginalBytes},{m.CompressedBytes},{m.BitsPerByte:F4},{m.CompressMBps:F4},{ratio}\n");
            count++;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.AppendAllText(path, sb.ToString());
        Console.WriteLine($"appended {count} rows for {report.Info.Commit} to {RepoPaths.Show(path)}");
    }

    /// <summary>Reads every row of a history file.</summary>
    public static List<Row> Read(string path)
    {
        var rows = new List<Row>();
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0 || line == Header || line.StartsWith('#'))
            {
                continue;
            }

            string[] f = line.Split(',');
            if (f.Length != 9)
            {
                throw new FormatException($"{RepoPaths.Show(path)}: expected 9 fields ({Header}), got: {line}");
            }

            var inv = CultureInfo.InvariantCulture;
            rows.Add(new Row(f[0], f[1], f[2], int.Parse(f[3], inv), long.Parse(f[4], inv), long.Parse(f[5], inv),
                double.Parse(f[6], inv), double.Parse(f[7], inv), f[8].Length > 0 ? double.Parse(f[8], inv) : null));
        }

        return rows;
    }
}
