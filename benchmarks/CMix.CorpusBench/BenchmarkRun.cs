using System.Globalization;

namespace CMix.CorpusBench;

/// <summary>
/// The default mode: for every selected input, CMix at every requested level, then every
/// installed peer on the same bytes, in one run — so that throughput ratios compare programs
/// measured under the same load. Writes results.csv and results.md to the output folder.
/// </summary>
internal static class BenchmarkRun
{
    /// <summary>Runs the benchmark; returns the report, or null (after a message) when there is nothing to run.</summary>
    public static Report? Execute(BenchOptions o, RunInfo info)
    {
        var paths = Corpus.Select(o.Corpus, o.Files);
        if (paths.Count == 0)
        {
            Console.Error.WriteLine($"SKIP: no input files (corpus folder {o.Corpus} is missing or empty, and no --files given)");
            return null;
        }

        var files = paths.Select(p => CorpusFile.Open(p, o.Prefix)).ToList();
        var peers = SelectPeers(o);
        string scratch = Directory.CreateTempSubdirectory("cmix-bench-").FullName;
        var rows = new List<Measurement>();
        try
        {
            foreach (var file in files)
            {
                foreach (int level in o.EffectiveLevels)
                {
                    var m = CmixRunner.Measure(file, level, o.Repeat, o.InProcess);
                    Progress(m);
                    rows.Add(m);
                }

                if (peers.Count == 0)
                {
                    continue;
                }

                byte[] data = file.ReadBytes();
                string input = Path.Combine(scratch, file.Name);
                File.WriteAllBytes(input, data);
                foreach (var peer in peers)
                {
                    var m = peer.Measure(input, file.Name, data, scratch, o.Repeat);
                    Progress(m);
                    rows.Add(m);
                }

                File.Delete(input);
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        var report = new Report(info, DescribeInputs(files, o.Prefix), rows, o.Acceptance);
        Directory.CreateDirectory(o.Out);
        File.WriteAllText(Path.Combine(o.Out, "results.csv"), report.ToCsv());
        File.WriteAllText(Path.Combine(o.Out, "results.md"), report.ToMarkdown());
        Console.WriteLine();
        Console.Write(report.ToConsole());
        Console.WriteLine($"wrote {RepoPaths.Show(Path.Combine(o.Out, "results.csv"))} and {RepoPaths.Show(Path.Combine(o.Out, "results.md"))}");
        if (o.Acceptance)
        {
            foreach (string line in report.AcceptanceLines())
            {
                Console.WriteLine("ACCEPTANCE " + line.Replace("**", "", StringComparison.Ordinal));
            }
        }

        return report;
    }

    private static List<PeerCompressor> SelectPeers(BenchOptions o)
    {
        if (!o.Peers)
        {
            return [];
        }

        var wanted = PeerCompressor.All.Where(p => o.PeerNames.Count == 0 || o.PeerNames.Contains(p.Name)).ToList();
        foreach (var missing in wanted.Where(p => !p.IsInstalled))
        {
            Console.Error.WriteLine($"warning: {missing.Program} is not installed; '{missing.Name}' is left out (apt-get install -y xz-utils zstd bzip2 gzip)");
        }

        if (!ProcessRunner.HasGnuTime)
        {
            Console.Error.WriteLine($"warning: {ProcessRunner.GnuTime} is missing (apt-get install -y time); peers' peak memory is not measured");
        }

        return wanted.Where(p => p.IsInstalled).ToList();
    }

    private static string DescribeInputs(IReadOnlyList<CorpusFile> files, long? prefix) =>
        prefix is long p
            ? string.Create(CultureInfo.InvariantCulture, $"first {p:N0} bytes of each of {files.Count} files ({files.Sum(f => f.Length):N0} bytes)")
            : string.Create(CultureInfo.InvariantCulture, $"{files.Count} whole files ({files.Sum(f => f.Length):N0} bytes)");

    private static void Progress(Measurement m) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {m.File} {m.Compressor}: {m.CompressedBytes:N0} bytes, {m.BitsPerByte:F3} bpb, {m.CompressMBps:F3} MB/s, {m.DecompressMBps:F3} MB/s{(m.RoundTrip ? "" : ", ROUND TRIP MISMATCH")}"));
}
