using CMix.Cli.IO;
using CMix.Prediction;
using CMix.Similarity;

namespace CMix.Cli.Commands;

/// <summary>
/// <c>cmix ncd FILE...</c>: the normalized compression distance matrix of the files by
/// <see cref="CompressionDistance"/> (the model's cost in bits, no archive), printed as a table,
/// CSV or JSON (<see cref="NcdReport"/>), with an average-linkage tree and an SVG heat map
/// (<see cref="NcdHeatMap"/>). The SVG goes through <see cref="AtomicFile"/>: it is created (and
/// an existing one refused without -f) before the measuring starts, and appears only when done.
/// </summary>
internal static class NcdCommand
{
    public static int Run(NcdVerbOptions options, CliConsole console)
    {
        if (options.Level is < ModelSettings.MinLevel or > ModelSettings.MaxLevel)
        {
            throw new UsageException($"level must be {ModelSettings.MinLevel}..{ModelSettings.MaxLevel} (-1 .. -9), not {options.Level}");
        }

        if (options.Threads < 0)
        {
            throw new UsageException("-T must be 0 (all cores) or a positive number of threads");
        }

        if (options.Csv && options.Json)
        {
            throw new UsageException("--csv and --json cannot be combined");
        }

        var paths = options.Files.ToList();
        if (paths.Count == 0)
        {
            throw new UsageException("ncd needs files to compare: cmix ncd FILE...");
        }

        if (paths.Contains("-"))
        {
            throw new UsageException("ncd reads files, not standard input: name each file");
        }

        long prefix = options.Prefix is null ? ReferenceFile.MaxBytes : ByteSize.Parse(options.Prefix, "--prefix");
        if (prefix < 1 || prefix > ReferenceFile.MaxBytes)
        {
            throw new UsageException("--prefix must be between 1 byte and 1G");
        }

        var inputs = paths.Select(p => Read(p, prefix)).ToList();
        var names = Names(paths);
        using var svg = options.Svg is null ? null : AtomicFile.Create(options.Svg, options.Force);
        var progress = new ProgressReporter(console.Error, console.ErrorIsTerminal && !options.Quiet, "ncd", null);
        NcdMatrix matrix;
        try
        {
            matrix = CompressionDistance.Measure(inputs, new NcdOptions
            {
                Level = options.Level,
                Threads = options.Threads,
                BothOrders = options.Conditional,
                RestartRates = !options.KeepRates,
                Progress = progress.Callback,
            });
        }
        finally
        {
            progress.Finish();
        }

        var tree = Clustering.AverageLinkage(matrix.SymmetricDistances());
        var report = new NcdReport(matrix, names, inputs.Select(x => (long)x.Length).ToList(), tree, options.Level);
        if (svg is not null)
        {
            using (var writer = new StreamWriter(svg.Stream, new System.Text.UTF8Encoding(false), leaveOpen: true))
            {
                NcdHeatMap.Write(writer, matrix, names, tree, options.Level);
            }

            svg.Commit();
        }

        if (options.Json)
        {
            report.WriteJson(console.Out);
        }
        else if (options.Csv)
        {
            report.WriteCsv(console.Out, options.Conditional);
        }
        else
        {
            report.WriteTable(console.Out, options.Conditional, options.Tree);
        }

        return ExitCodes.Ok;
    }

    private static ReadOnlyMemory<byte> Read(string path, long prefix)
    {
        if (Directory.Exists(path))
        {
            throw new CliException($"{path}: is a directory; name files (cmix does not recurse)");
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
            var bytes = new MemoryStream();
            var chunk = new byte[1 << 16];
            int got;
            while (bytes.Length < prefix && (got = file.Read(chunk, 0, (int)Math.Min(chunk.Length, prefix - bytes.Length))) > 0)
            {
                bytes.Write(chunk, 0, got);
            }

            if (prefix == ReferenceFile.MaxBytes && bytes.Length == prefix && file.ReadByte() != -1)
            {
                throw new CliException($"{path}: more than 1G; use --prefix SIZE");
            }

            return bytes.GetBuffer().AsMemory(0, (int)bytes.Length);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"{path}: no such file");
        }
    }

    /// <summary>File names without directories, unless two would be the same: then the paths as given.</summary>
    private static List<string> Names(List<string> paths)
    {
        var names = paths.Select(Path.GetFileName).Select(n => n ?? "").ToList();
        return names.Distinct(StringComparer.Ordinal).Count() == names.Count && names.All(n => n.Length > 0) ? names : paths;
    }
}
