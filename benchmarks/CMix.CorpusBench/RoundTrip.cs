using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace CMix.CorpusBench;

/// <summary>
/// Round-trips whole corpus files in process and checks every byte: the in-process stand-in for
/// the CLI round trip in <c>.ci/run</c>, used while the CLI cannot run one.
/// </summary>
internal static class RoundTrip
{
    /// <summary>Returns 0 when every file at every level comes back identical; 1 otherwise; 0 with SKIP without a corpus.</summary>
    public static int Run(BenchOptions o)
    {
        var paths = Corpus.Select(o.Corpus, o.Files);
        if (paths.Count == 0)
        {
            Console.WriteLine($"SKIP: round trip needs the corpus at {o.Corpus}, which is missing or empty");
            return 0;
        }

        var jobs = paths.SelectMany(p => o.EffectiveLevels.Select(l => (File: CorpusFile.Open(p, o.Files.Count > 0 ? o.Prefix : null), Level: l)))
            .OrderByDescending(j => j.File.Length)
            .ToList();
        int failures = 0;
        var watch = Stopwatch.StartNew();
        Parallel.ForEach(Partitioner.Create(jobs, EnumerablePartitionerOptions.NoBuffering), new ParallelOptions { MaxDegreeOfParallelism = o.Jobs }, job =>
        {
            var sample = CmixRunner.MeasureOnce(job.File.ReadBytes(), job.Level, job.File.Name, decompress: true);
            string verdict = sample.RoundTrip ? "ok" : "MISMATCH";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"roundtrip {verdict} {job.File.Name} level {job.Level}: {job.File.Length:N0} -> {sample.CompressedBytes:N0} bytes, {sample.CompressSeconds:F1} s + {sample.DecompressSeconds:F1} s"));
            if (!sample.RoundTrip)
            {
                Interlocked.Increment(ref failures);
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"roundtrip: {jobs.Count - failures} of {jobs.Count} identical in {watch.Elapsed.TotalSeconds:F1} s"));
        return failures == 0 ? 0 : 1;
    }
}
