using System.Diagnostics;
using System.Text;
using CMix.Analysis;
using CMix.Cli.Analysis;
using CMix.Cli.IO;
using CMix.Coding;
using CMix.Prediction;

namespace CMix.Cli.Commands;

/// <summary>
/// <c>cmix analyze FILE</c>: where the bits go. One pass of the level's predictor over the input
/// (Core's <see cref="CostAnalyzer"/>: the loop that compresses, plus each byte's cost), streamed
/// into bounded aggregates (<see cref="CostProfile"/>, <see cref="CostSample"/>, the parts'
/// prefix), then the parts' ablation passes on that prefix, then the reports. Report files are
/// opened before the work starts (an existing one is refused without -f) and appear only when
/// complete.
/// </summary>
internal static class AnalyzeCommand
{
    /// <summary>Default bytes for the parts' ablation passes.</summary>
    private const long DefaultPartsPrefix = 1L << 20;

    /// <summary>Default and largest bytes the HTML page shows.</summary>
    private const long DefaultHtmlBytes = 64L << 10;
    private const long MaxHtmlBytes = 4L << 20;

    public static int Run(AnalyzeVerbOptions options, CliConsole console)
    {
        if (options.Level is < ModelSettings.MinLevel or > ModelSettings.MaxLevel)
        {
            throw new UsageException($"level must be {ModelSettings.MinLevel}..{ModelSettings.MaxLevel} (-1 .. -9), not {options.Level}");
        }

        string[] files = [.. options.Files];
        if (files.Length > 1)
        {
            throw new UsageException("analyze takes one FILE (or none for standard input)");
        }

        long partsPrefix = options.Parts is null ? DefaultPartsPrefix : ByteSize.Parse(options.Parts, "--parts");
        if (partsPrefix > Array.MaxLength)
        {
            throw new UsageException("--parts: at most 2G bytes (the prefix is held in memory)");
        }

        long htmlBytes = options.HtmlBytes is null ? DefaultHtmlBytes : ByteSize.Parse(options.HtmlBytes, "--html-bytes");
        if (htmlBytes is < 2 or > MaxHtmlBytes)
        {
            throw new UsageException("--html-bytes: between 2 bytes and 4M");
        }

        long? limit = options.Memory is null ? null : ByteSize.Parse(options.Memory, "--memory");
        string input = files.Length == 0 ? "-" : files[0];
        var outputs = new[] { options.Csv, options.Svg, options.Html }.OfType<string>().ToArray();
        if (outputs.Select(Path.GetFullPath).Distinct().Count() != outputs.Length)
        {
            throw new UsageException("--csv, --svg and --html need different file names");
        }

        if (input != "-" && outputs.Any(o => Path.GetFullPath(o) == Path.GetFullPath(input)))
        {
            throw new UsageException("a report file must not be the input");
        }

        var open = new List<AtomicFile>();
        try
        {
            if (input != "-" && !File.Exists(input))
            {
                throw new CliException(Directory.Exists(input) ? $"{input} is a directory" : $"{input}: no such file");
            }

            MemoryGuard.Check(options.Level, 1, 0, options.ForceMemory, limit);
            AtomicFile? Open(string? path)
            {
                if (path is null)
                {
                    return null;
                }

                var file = AtomicFile.Create(path, options.Force);
                open.Add(file);
                return file;
            }

            AtomicFile? csv = Open(options.Csv), svg = Open(options.Svg), html = Open(options.Html);
            AnalysisResult result = Analyze(input, options, console, partsPrefix, (int)htmlBytes);
            Write(csv, w => CsvReport.Write(w, result));
            Write(svg, w => w.Write(SvgReport.Render(result)));
            Write(html, w => w.Write(HtmlReport.Render(result)));
            foreach (AtomicFile file in open)
            {
                file.Commit();
            }

            TextReport.Write(console.Out, result);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is CliException or IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"cmix: analyze: {e.Message}");
            return ExitCodes.Error;
        }
        finally
        {
            foreach (AtomicFile file in open)
            {
                file.Dispose();
            }
        }
    }

    private static AnalysisResult Analyze(string input, AnalyzeVerbOptions options, CliConsole console, long partsPrefix, int htmlBytes)
    {
        bool fromStdin = input == "-";
        string name = fromStdin ? "(stdin)" : input;
        // Standard input belongs to the console: read, never disposed here.
        using FileStream? file = fromStdin ? null : new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Stream source = file ?? console.Input;
        long? length = file?.Length;

        var profile = new CostProfile();
        CostSample? sample = options.Html is null ? null : new CostSample(htmlBytes);
        // The parts' prefix: its final size when the length is known, else grown as bytes come
        // (a large --parts on a short pipe costs only what arrives).
        byte[] prefix = new byte[length is long known ? Math.Min(known, partsPrefix) : Math.Min(partsPrefix, 1L << 20)];
        int prefixLength = 0;
        var progress = new ProgressReporter(console.Error, console.ErrorIsTerminal && !options.Quiet, Path.GetFileName(name), null);
        var timer = Stopwatch.StartNew();
        CostSummary summary;
        try
        {
            summary = CostAnalyzer.Analyze(source, options.Level, (offset, bytes, costs) =>
            {
                profile.Add(offset, bytes, costs);
                sample?.Add(offset, bytes, costs);
                if (prefix.Length - prefixLength < bytes.Length && prefix.Length < partsPrefix)
                {
                    Array.Resize(ref prefix, (int)Math.Min(partsPrefix, Math.Max(2L * prefix.Length, prefixLength + (long)bytes.Length)));
                }

                int take = (int)Math.Min(bytes.Length, prefix.Length - prefixLength);
                bytes[..take].CopyTo(prefix.AsSpan(prefixLength));
                prefixLength += take;
            }, progress.Callback, length);
        }
        finally
        {
            progress.Finish();
        }

        double seconds = timer.Elapsed.TotalSeconds;
        IReadOnlyList<PartCost> parts = [];
        if (prefixLength > 0)
        {
            var partsProgress = new ProgressReporter(console.Error, console.ErrorIsTerminal && !options.Quiet, Path.GetFileName(name) + " (parts)", null);
            try
            {
                parts = CostAnalyzer.MeasureParts(prefix.AsSpan(0, prefixLength), options.Level, partsProgress.Callback, length);
            }
            finally
            {
                partsProgress.Finish();
            }
        }

        return new AnalysisResult(name, summary, profile, sample ?? new CostSample(2), parts, prefixLength, seconds);
    }

    private static void Write(AtomicFile? file, Action<TextWriter> write)
    {
        if (file is null)
        {
            return;
        }

        // No byte-order mark: SVG, HTML and CSV readers expect plain UTF-8.
        using var writer = new StreamWriter(file.Stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        write(writer);
    }
}
