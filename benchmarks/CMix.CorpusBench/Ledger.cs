using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CMix.Prediction;

namespace CMix.CorpusBench;

/// <summary>
/// The ratio ledger: committed, exact compressed sizes for a fixed subset of (corpus file, prefix,
/// level). CI recomputes every row and fails on any difference, so a change that moves the ratio
/// must update the ledger in the same commit (<c>--update-ledger</c>), where the diff is reviewed
/// as data. Sizes do not depend on timing, so rows are computed in parallel.
/// </summary>
internal static class Ledger
{
    /// <summary>The CSV header of the ledger file.</summary>
    public const string Header = "file,prefix,level,input_bytes,compressed_bytes";

    /// <summary>The command that regenerates the ledger, printed on failure.</summary>
    public const string UpdateCommand = "dotnet run -c Release --project benchmarks/CMix.CorpusBench -- --update-ledger";

    /// <summary>
    /// The subset CI checks, per corpus file: the first 1,000,000 bytes at level 1 and at the
    /// default level, the first 300,000 bytes at level 6 (the paq-class middle) and the first
    /// 200,000 bytes at level 9 (the slowest, largest model). About 30 MB of compression; a few
    /// minutes on two cores.
    /// </summary>
    private static readonly (long Prefix, int Level)[] s_subset =
    [
        (1_000_000, 1),
        (1_000_000, ModelSettings.DefaultLevel),
        (300_000, 6),
        (200_000, 9),
    ];

    /// <summary>One ledger row: which bytes, which level, and the size they compress to.</summary>
    internal sealed record Entry(string File, long Prefix, int Level, long InputBytes, long CompressedBytes);

    /// <summary>Recomputes the ledger at <paramref name="path"/>; returns 0 when every size matches, 1 otherwise, 0 with SKIP when there is no corpus.</summary>
    public static int Check(string path, string corpus, int jobs)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"error: ledger {RepoPaths.Show(path)} does not exist; create it with: {UpdateCommand}");
            return 1;
        }

        if (!Directory.Exists(corpus))
        {
            Console.WriteLine($"SKIP: ledger check needs the corpus at {corpus}, which is missing (set {RepoPaths.CorpusVariable} or place ../shared/corpus/dev beside the repository)");
            return 0;
        }

        var expected = Read(path);
        var missing = expected.Where(e => !File.Exists(Path.Combine(corpus, e.File))).Select(e => e.File).Distinct().ToList();
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"error: ledger names files missing from {corpus}: {string.Join(", ", missing)}");
            return 1;
        }

        var watch = Stopwatch.StartNew();
        var actual = Compute(expected.Select(e => (e.File, e.Prefix, e.Level)).ToList(), corpus, jobs);
        var diffs = expected.Zip(actual).Where(p => p.First.CompressedBytes != p.Second.CompressedBytes || p.First.InputBytes != p.Second.InputBytes).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ledger: {expected.Count} rows recomputed in {watch.Elapsed.TotalSeconds:F1} s with {jobs} job(s)"));
        if (diffs.Count == 0)
        {
            Console.WriteLine($"ledger OK: every size equals {RepoPaths.Show(path)} ({SumLine(actual)})");
            return 0;
        }

        Console.WriteLine($"LEDGER MISMATCH: {diffs.Count} of {expected.Count} sizes differ from {RepoPaths.Show(path)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"file",-40} {"prefix",9} {"level",5} {"expected",10} {"actual",10} {"delta",8} {"delta %",8}"));
        foreach (var (e, a) in diffs)
        {
            long delta = a.CompressedBytes - e.CompressedBytes;
            double pct = e.CompressedBytes == 0 ? 0 : delta * 100.0 / e.CompressedBytes;
            string input = e.InputBytes == a.InputBytes ? "" : $"  (input bytes {e.InputBytes} -> {a.InputBytes})";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{e.File,-40} {e.Prefix,9} {e.Level,5} {e.CompressedBytes,10} {a.CompressedBytes,10} {delta,8:+#;-#;0} {pct,8:+0.000;-0.000;0}{input}"));
        }

        foreach (var level in expected.Select(e => e.Level).Distinct().Order())
        {
            long before = expected.Where(e => e.Level == level).Sum(e => e.CompressedBytes);
            long after = actual.Where(e => e.Level == level).Sum(e => e.CompressedBytes);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"level {level} total: {before} -> {after} ({after - before:+#;-#;0} bytes, {(after - before) * 100.0 / before:+0.000;-0.000;0} %)"));
        }

        Console.WriteLine($"If the change is intended, update the ledger in the same commit: {UpdateCommand}");
        return 1;
    }

    /// <summary>Rewrites the ledger at <paramref name="path"/> with the standard subset over every corpus file; returns the exit code.</summary>
    public static int Update(string path, string corpus, int jobs)
    {
        var files = Corpus.List(corpus);
        if (files.Count == 0)
        {
            Console.Error.WriteLine($"error: cannot update the ledger: corpus folder {corpus} is missing or empty");
            return 1;
        }

        var keys = files.SelectMany(f => s_subset.Select(s => (Path.GetFileName(f), s.Prefix, s.Level))).ToList();
        var old = File.Exists(path) ? Read(path) : [];
        var watch = Stopwatch.StartNew();
        var entries = Compute(keys, corpus, jobs);
        var sb = new StringBuilder();
        sb.Append("# CMix ratio ledger: exact compressed sizes CI expects (model version ")
          .Append(ModelSettings.ModelVersion.ToString(CultureInfo.InvariantCulture))
          .Append("). Regenerate with: ").Append(UpdateCommand).Append('\n');
        sb.Append(Header).Append('\n');
        foreach (var e in entries)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{e.File},{e.Prefix},{e.Level},{e.InputBytes},{e.CompressedBytes}\n");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, sb.ToString());
        int changed = entries.Count(e => !old.Any(o => o == e));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {RepoPaths.Show(path)}: {entries.Count} rows ({changed} new or changed) in {watch.Elapsed.TotalSeconds:F1} s with {jobs} job(s); {SumLine(entries)}"));
        return 0;
    }

    /// <summary>Reads a ledger file; lines starting with '#' are comments.</summary>
    public static List<Entry> Read(string path)
    {
        var entries = new List<Entry>();
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line == Header)
            {
                continue;
            }

            string[] f = line.Split(',');
            if (f.Length != 5)
            {
                throw new FormatException($"{RepoPaths.Show(path)}: expected 5 fields ({Header}), got: {line}");
            }

            entries.Add(new Entry(f[0], long.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture), long.Parse(f[4], CultureInfo.InvariantCulture)));
        }

        return entries;
    }

    private static List<Entry> Compute(IReadOnlyList<(string File, long Prefix, int Level)> keys, string corpus, int jobs)
    {
        var results = new Entry[keys.Count];

        // Largest work first, handed out one at a time in that order, so the parallel tail is short.
        var order = Enumerable.Range(0, keys.Count).OrderByDescending(i => keys[i].Prefix * (keys[i].Level + 4)).ToArray();
        Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering), new ParallelOptions { MaxDegreeOfParallelism = jobs }, i =>
        {
            var (name, prefix, level) = keys[i];
            var file = CorpusFile.Open(Path.Combine(corpus, name), prefix);
            byte[] archive = CmixRunner.Compress(file.ReadBytes(), level, name);
            results[i] = new Entry(name, prefix, level, file.Length, archive.Length);
        });
        return [.. results];
    }

    private static string SumLine(IReadOnlyList<Entry> entries) =>
        string.Join(", ", entries.GroupBy(e => (e.Prefix, e.Level)).OrderBy(g => g.Key.Level).Select(g =>
            string.Create(CultureInfo.InvariantCulture, $"level {g.Key.Level} on {g.Count()} × {g.Key.Prefix:N0}-byte prefixes: {g.Sum(e => e.CompressedBytes):N0} bytes ({g.Sum(e => e.CompressedBytes) * 8.0 / g.Sum(e => e.InputBytes):F3} bpb)")));
}
