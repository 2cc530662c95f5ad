using System.Diagnostics;
using System.Globalization;
using CMix.Coding;

namespace CMix.CorpusBench;

/// <summary>
/// Runs CMix itself, through Core's public API. A single measurement (<see cref="MeasureOnce"/>)
/// compresses from memory to memory, decompresses, and verifies the round trip. For peak memory
/// the same measurement runs in a child process of this tool (<c>--measure-one</c>) under
/// <c>/usr/bin/time -v</c>, so the reading covers exactly one level on one input.
/// </summary>
internal static class CmixRunner
{
    /// <summary>Prefix of the one line a child prints with its result.</summary>
    public const string ResultTag = "CMIX-MEASURE";

    /// <summary>The name reports use for CMix at <paramref name="level"/>, e.g. <c>cmix -6</c>.</summary>
    public static string Name(int level) => $"cmix -{level}";

    /// <summary>The outcome of one compression (and, when asked, decompression) of one input.</summary>
    public readonly record struct Sample(long CompressedBytes, double CompressSeconds, double DecompressSeconds, bool RoundTrip);

    /// <summary>Compresses <paramref name="data"/> at <paramref name="level"/>; returns the archive bytes.</summary>
    public static byte[] Compress(byte[] data, int level, string name)
    {
        using var output = new MemoryStream(data.Length / 2 + 4096);
        Compressor.Compress(new MemoryStream(data, writable: false), output, new CompressionOptions { Level = level, Threads = 1, Name = name, InputLength = data.Length });
        return output.ToArray();
    }

    /// <summary>
    /// Times one compression of <paramref name="data"/> and, when <paramref name="decompress"/>,
    /// one decompression, checking that it gives back <paramref name="data"/>.
    /// </summary>
    public static Sample MeasureOnce(byte[] data, int level, string name, bool decompress)
    {
        var watch = Stopwatch.StartNew();
        byte[] archive = Compress(data, level, name);
        double compressSeconds = watch.Elapsed.TotalSeconds;
        if (!decompress)
        {
            return new Sample(archive.Length, compressSeconds, 0, RoundTrip: true);
        }

        // The compressor's tables are garbage now; collect them so the decompressor's do not stack on top.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var restored = new MemoryStream(data.Length);
        watch.Restart();
        Compressor.Decompress(new MemoryStream(archive, writable: false), restored, threads: 1);
        double decompressSeconds = watch.Elapsed.TotalSeconds;
        bool same = restored.GetBuffer().AsSpan(0, (int)restored.Length).SequenceEqual(data);
        return new Sample(archive.Length, compressSeconds, decompressSeconds, same);
    }

    /// <summary>
    /// The child side of <c>--measure-one</c>: measures one input at one level and prints a single
    /// tagged line; returns the process exit code (1 when the round trip failed).
    /// </summary>
    public static int RunChild(CorpusFile file, int level)
    {
        var sample = MeasureOnce(file.ReadBytes(), level, file.Name, decompress: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{ResultTag} size={sample.CompressedBytes} compress_s={sample.CompressSeconds:R} decompress_s={sample.DecompressSeconds:R} roundtrip={(sample.RoundTrip ? 1 : 0)} hwm_kb={PeakRssKilobytes()}"));
        return sample.RoundTrip ? 0 : 1;
    }

    /// <summary>
    /// Measures CMix on <paramref name="file"/> <paramref name="repeats"/> times. Out of process
    /// (the default) each repeat is a child process whose peak RSS is read by <c>/usr/bin/time -v</c>
    /// when installed, else from the child's own <c>VmHWM</c>; in process, peak memory is not measured.
    /// </summary>
    public static Measurement Measure(CorpusFile file, int level, int repeats, bool inProcess)
    {
        var compress = new List<double>();
        var decompress = new List<double>();
        long size = -1;
        long? peak = null;
        bool roundTrip = true;
        for (int r = 0; r < repeats; r++)
        {
            Sample sample;
            long? rss;
            if (inProcess)
            {
                sample = MeasureOnce(file.ReadBytes(), level, file.Name, decompress: true);
                rss = null;
            }
            else
            {
                (sample, rss) = MeasureInChild(file, level);
            }

            if (size >= 0 && size != sample.CompressedBytes)
            {
                throw new InvalidOperationException($"{file.Name} at level {level}: compressed size changed between repeats ({size} then {sample.CompressedBytes}); the compressor is not deterministic");
            }

            size = sample.CompressedBytes;
            compress.Add(sample.CompressSeconds);
            decompress.Add(sample.DecompressSeconds);
            roundTrip &= sample.RoundTrip;
            peak = rss is long v ? Math.Max(peak ?? 0, v) : peak;
        }

        return new Measurement(file.Name, file.Length, Name(level), level, size, Measurement.Median(compress), Measurement.Median(decompress), peak, roundTrip, repeats);
    }

    private static (Sample Sample, long? PeakRss) MeasureInChild(CorpusFile file, int level)
    {
        var args = new List<string>(SelfCommand.Arguments)
        {
            "--measure-one", file.Path,
            "--level", level.ToString(CultureInfo.InvariantCulture),
        };
        args.AddRange(file.Prefix is long p ? ["--prefix", p.ToString(CultureInfo.InvariantCulture)] : ["--whole"]);
        var result = ProcessRunner.Run(SelfCommand.Executable, args, stdoutPath: null, captureStdout: true);
        string? line = result.Stdout.Split('\n').FirstOrDefault(l => l.StartsWith(ResultTag, StringComparison.Ordinal));
        if (result.ExitCode != 0 && line is null)
        {
            throw new InvalidOperationException($"measuring {file.Name} at level {level} failed (exit {result.ExitCode}):\n{result.Stderr}");
        }

        if (line is null)
        {
            throw new InvalidOperationException($"measuring {file.Name} at level {level}: the child printed no result line");
        }

        var fields = line[(ResultTag.Length + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        var sample = new Sample(
            long.Parse(fields["size"], CultureInfo.InvariantCulture),
            double.Parse(fields["compress_s"], CultureInfo.InvariantCulture),
            double.Parse(fields["decompress_s"], CultureInfo.InvariantCulture),
            fields["roundtrip"] == "1");
        long hwm = long.Parse(fields["hwm_kb"], CultureInfo.InvariantCulture);
        long? peak = result.MaxRssBytes ?? (hwm > 0 ? hwm * 1024 : null);
        return (sample, peak);
    }

    /// <summary>This process's peak resident set size in KiB (Linux <c>VmHWM</c>); 0 where unknown.</summary>
    private static long PeakRssKilobytes()
    {
        const string StatusFile = "/proc/self/status";
        if (!File.Exists(StatusFile))
        {
            return 0;
        }

        foreach (string line in File.ReadLines(StatusFile))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                string digits = new(line.Where(char.IsAsciiDigit).ToArray());
                return long.Parse(digits, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
