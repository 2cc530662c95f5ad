namespace CMix.CorpusBench;

/// <summary>
/// A reference compressor run as a process: its command lines for compressing a file to stdout
/// and decompressing an archive file to stdout. Peers run single-threaded so that their speed is
/// comparable with CMix's one-model-per-input mode.
/// </summary>
internal sealed record PeerCompressor(string Name, string Program, string Extension, string[] CompressArgs, string[] DecompressArgs)
{
    /// <summary>The peer that throughput ratios are taken against (the xz -9e bar of BASELINES.md).</summary>
    public const string XzReference = "xz -9e";

    /// <summary>Every peer the benchmark knows, in report order.</summary>
    public static IReadOnlyList<PeerCompressor> All { get; } =
    [
        new("gzip -9", "gzip", ".gz", ["-9", "-n", "-c"], ["-d", "-c"]),
        new("bzip2 -9", "bzip2", ".bz2", ["-9", "-k", "-c"], ["-d", "-c"]),
        new("xz -9", "xz", ".xz", ["-9", "-T1", "-k", "-c"], ["-d", "-T1", "-c"]),
        new(XzReference, "xz", ".xz", ["-9e", "-T1", "-k", "-c"], ["-d", "-T1", "-c"]),
        new("zstd -19 --long", "zstd", ".zst", ["-19", "--long", "-T1", "-q", "-c"], ["-d", "--long=27", "-q", "-c"]),
        new("zstd --ultra -22 --long=27", "zstd", ".zst", ["--ultra", "-22", "--long=27", "-T1", "-q", "-c"], ["-d", "--long=27", "-q", "-c"]),
    ];

    /// <summary>Whether the program is installed.</summary>
    public bool IsInstalled => ProcessRunner.Exists(Program);

    /// <summary>
    /// Compresses <paramref name="file"/> (already holding exactly the bytes to measure) and
    /// decompresses the result, <paramref name="repeats"/> times; checks the round trip against
    /// <paramref name="original"/>.
    /// </summary>
    public Measurement Measure(string file, string displayName, byte[] original, string scratch, int repeats)
    {
        string archive = Path.Combine(scratch, "peer" + Extension);
        string restored = Path.Combine(scratch, "peer.out");
        var compress = new List<double>();
        var decompress = new List<double>();
        long size = -1;
        long? peak = null;
        bool roundTrip = true;
        for (int r = 0; r < repeats; r++)
        {
            var c = ProcessRunner.Run(Program, [.. CompressArgs, file], archive);
            Check(c, "compress");
            var d = ProcessRunner.Run(Program, [.. DecompressArgs, archive], restored);
            Check(d, "decompress");
            size = new FileInfo(archive).Length;
            compress.Add(c.WallSeconds);
            decompress.Add(d.WallSeconds);
            roundTrip &= File.ReadAllBytes(restored).AsSpan().SequenceEqual(original);
            long? rss = Math.Max(c.MaxRssBytes ?? 0, d.MaxRssBytes ?? 0);
            peak = rss > 0 ? Math.Max(peak ?? 0, rss.Value) : peak;
        }

        File.Delete(archive);
        File.Delete(restored);
        return new Measurement(displayName, original.Length, Name, null, size, Measurement.Median(compress), Measurement.Median(decompress), peak, roundTrip, repeats);
    }

    private void Check(ProcessRunner.Result result, string what)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Name} ({what}) exited with {result.ExitCode}: {result.Stderr.Trim()}");
        }
    }
}
