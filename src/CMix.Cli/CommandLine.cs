using System.Diagnostics.CodeAnalysis;
using CommandLine;
using CommandLine.Text;

namespace CMix.Cli;

// The only file that knows CommandLineParser. The library is reflection-based: option classes are
// mutable ({ get; set; }) and rooted with [DynamicDependency] so NativeAOT keeps their members;
// .ci/steps/40-aot-sfx.sh exercises every verb against the published binary.

/// <summary>Options shared by the verbs that read files and write files.</summary>
internal abstract class FileVerbOptions
{
    [Value(0, MetaName = "FILE", HelpText = "Input files; none or '-' reads standard input.")]
    public IEnumerable<string> Files { get; set; } = [];

    [Option('c', "stdout", HelpText = "Write to standard output; keep input files.")]
    public bool Stdout { get; set; }

    [Option('o', "output", MetaValue = "FILE", HelpText = "Output file name (one input only).")]
    public string? Output { get; set; }

    [Option('f', "force", HelpText = "Overwrite existing output files; write compressed data to a terminal.")]
    public bool Force { get; set; }

    [Option('k', "keep", HelpText = "Keep input files (the default; accepted for gzip compatibility).")]
    public bool Keep { get; set; }

    [Option("rm", HelpText = "Delete each input file after its output was written successfully.")]
    public bool Remove { get; set; }

    [Option('T', "threads", Default = 1, MetaValue = "N", HelpText = "Worker threads (0 = all cores). Blocks are coded in parallel; -T changes the archive bytes.")]
    public int Threads { get; set; }

    [Option('v', "verbose", FlagCounter = true, HelpText = "Print sizes, ratio and speed for each file on standard error; -vv also the settings (level, threads, kernel, memory).")]
    public int Verbose { get; set; }

    [Option('q', "quiet", HelpText = "No progress line.")]
    public bool Quiet { get; set; }

    [Option("force-memory", HelpText = "Run even when the estimated memory exceeds the memory limit.")]
    public bool ForceMemory { get; set; }

    [Option('M', "memory", MetaValue = "SIZE", HelpText = "Memory limit, e.g. 2G (default: the memory available). Checked before work starts; for decompression, from each archive's header.")]
    public string? Memory { get; set; }

    [Option("gpu", HelpText = GpuKernel.HelpText)]
    public bool Gpu { get; set; }

    [Option("reference", MetaValue = "FILE", HelpText = ReferenceHelp)]
    public string? Reference { get; set; }

    /// <summary>Help of --reference, shared with <c>cmix test</c>.</summary>
    internal const string ReferenceHelp = "Conditional compression: the model learns FILE first (not stored; the archive records its length and xxHash64). Decompressing needs the same FILE.";
}

/// <summary><c>cmix compress</c> (also the verb used when none is given).</summary>
[Verb("compress", isDefault: true, HelpText = "Compress files (default verb). FILE -> FILE.cmix.")]
internal sealed class CompressVerbOptions : FileVerbOptions
{
    [Option("level", Default = Prediction.ModelSettings.DefaultLevel, MetaValue = "N", HelpText = "Compression level 1 (fast) .. 9 (strongest); also -1 .. -9, --fast (-1), --best (-9).")]
    public int Level { get; set; }

    [Option("block", MetaValue = "SIZE", HelpText = "Block size for parallel coding, e.g. 64M, up to 1G (0 = one block). Default: one block per thread, at most 256M.")]
    public string? Block { get; set; }

    [Option("prime", MetaValue = "SIZE", HelpText = "With several blocks, every block after the first learns the first SIZE bytes of the input before its own, e.g. 4M, up to 256M (0 = none). Default: for a file with -T 2 or more, 1/(12 (T-1)) of it, at most 8M; none for standard input.")]
    public string? Prime { get; set; }
}

/// <summary><c>cmix decompress</c> (also <c>cmix -d</c>).</summary>
[Verb("decompress", HelpText = "Decompress archives (also -d). FILE.cmix -> FILE.")]
internal sealed class DecompressVerbOptions : FileVerbOptions
{
}

/// <summary><c>cmix test</c> (also <c>cmix -t</c>).</summary>
[Verb("test", HelpText = "Decode archives and verify their checksums without writing anything (also -t).")]
internal sealed class TestVerbOptions
{
    [Value(0, MetaName = "FILE", HelpText = "Archives; none or '-' reads standard input.")]
    public IEnumerable<string> Files { get; set; } = [];

    [Option('T', "threads", Default = 1, MetaValue = "N", HelpText = "Worker threads for multi-block archives (0 = all cores).")]
    public int Threads { get; set; }

    [Option('v', "verbose", FlagCounter = true, HelpText = "Print OK and sizes for each archive.")]
    public int Verbose { get; set; }

    [Option('q', "quiet", HelpText = "No progress line.")]
    public bool Quiet { get; set; }

    [Option("force-memory", HelpText = "Run even when the estimated memory exceeds the memory limit.")]
    public bool ForceMemory { get; set; }

    [Option('M', "memory", MetaValue = "SIZE", HelpText = "Memory limit, e.g. 2G (default: the memory available). Checked before work starts; for decompression, from each archive's header.")]
    public string? Memory { get; set; }

    [Option("gpu", HelpText = GpuKernel.HelpText)]
    public bool Gpu { get; set; }

    [Option("reference", MetaValue = "FILE", HelpText = FileVerbOptions.ReferenceHelp)]
    public string? Reference { get; set; }
}

/// <summary><c>cmix info</c>.</summary>
[Verb("info", HelpText = "Without FILE: version, SIMD support, mixer kernel, CUDA mixer status and memory per level. With FILEs: each archive's header and frames.")]
internal sealed class InfoVerbOptions
{
    [Value(0, MetaName = "FILE", HelpText = "Archives or self-extracting archives to describe.")]
    public IEnumerable<string> Files { get; set; } = [];

    [Option("json", HelpText = "Machine-readable output: one JSON document on standard output.")]
    public bool Json { get; set; }
}

/// <summary><c>cmix list</c> (also <c>cmix -l</c>, <c>--list</c>, as in xz).</summary>
[Verb("list", HelpText = "List archives (also -l, --list): sizes, ratio, level and name per file, then totals.")]
internal sealed class ListVerbOptions
{
    [Value(0, MetaName = "FILE", HelpText = "Archives or self-extracting archives; none or '-' reads standard input.")]
    public IEnumerable<string> Files { get; set; } = [];

    [Option("json", HelpText = "Machine-readable output: one JSON document on standard output.")]
    public bool Json { get; set; }
}

/// <summary><c>cmix ncd</c>.</summary>
[Verb("ncd", HelpText = "Normalized compression distance between files, measured by the model (no archive written); --tree clusters them, --svg draws a heat map.")]
internal sealed class NcdVerbOptions
{
    [Value(0, MetaName = "FILE", HelpText = "Files to compare (at least one; standard input is not read).")]
    public IEnumerable<string> Files { get; set; } = [];

    [Option("level", Default = CMix.Similarity.NcdOptions.DefaultLevel, MetaValue = "N", HelpText = "Model level 1..9 (also -1 .. -9); default 1, since the matrix takes one model run per pair.")]
    public int Level { get; set; }

    [Option('T', "threads", Default = 1, MetaValue = "N", HelpText = "Worker threads, each costing one file's row of pairs at a time (0 = all cores); the figures do not change.")]
    public int Threads { get; set; }

    [Option("prefix", MetaValue = "SIZE", HelpText = "Read only the first SIZE bytes of each file, e.g. 100K.")]
    public string? Prefix { get; set; }

    [Option("conditional", HelpText = "Measure both orders of every pair: the asymmetric matrix of C(column | row) in bytes (the table and CSV show it) and an asymmetric NCD.")]
    public bool Conditional { get; set; }

    [Option("keep-rates", HelpText = "C(y|x) from the model exactly as x left it, the cost --reference x would code y at, instead of with its learning rates restarted (the default; see docs/CLI.md).")]
    public bool KeepRates { get; set; }

    [Option("tree", HelpText = "Also print an average-linkage clustering of the files as a Newick string and an indented tree.")]
    public bool Tree { get; set; }

    [Option("svg", MetaValue = "FILE", HelpText = "Write a heat map of the NCD matrix, files ordered by the clustering, as a self-contained SVG.")]
    public string? Svg { get; set; }

    [Option("csv", HelpText = "Print the matrix as CSV (a header row of names, then one row per file).")]
    public bool Csv { get; set; }

    [Option("json", HelpText = "Machine-readable output: one JSON document on standard output.")]
    public bool Json { get; set; }

    [Option('f', "force", HelpText = "Overwrite an existing --svg file.")]
    public bool Force { get; set; }

    [Option('q', "quiet", HelpText = "No progress line.")]
    public bool Quiet { get; set; }
}

/// <summary>
/// <c>cmix __docs man|bash</c>: prints the man page or the bash completion generated from these
/// option classes (docs/cmix.1 and docs/cmix.bash are its committed output; a test compares them).
/// </summary>
[Verb("__docs", Hidden = true, HelpText = "Print the generated man page (man) or bash completion (bash).")]
internal sealed class DocsVerbOptions
{
    [Value(0, MetaName = "KIND", Required = true, HelpText = "man or bash.")]
    public string? Kind { get; set; }
}

/// <summary><c>cmix bench</c>.</summary>
[Verb("bench", HelpText = "Benchmark: --hutter FILE prints the Hutter Prize style report.")]
internal sealed class BenchVerbOptions
{
    [Option("hutter", Required = true, MetaValue = "FILE", HelpText = "File to compress and decompress for the Hutter-style report.")]
    public string? Hutter { get; set; }

    [Option("level", Default = Prediction.ModelSettings.DefaultLevel, MetaValue = "N", HelpText = "Compression level 1..9; also -1 .. -9.")]
    public int Level { get; set; }

    [Option('T', "threads", Default = 1, MetaValue = "N", HelpText = "Worker threads (the prize measures one).")]
    public int Threads { get; set; }

    [Option("stub", MetaValue = "PATH", HelpText = "SFX stub to count (default: $CMIX_SFX_STUB, then cmix-sfx next to cmix).")]
    public string? Stub { get; set; }

    [Option("force-memory", HelpText = "Run even when the estimated memory exceeds the available memory.")]
    public bool ForceMemory { get; set; }

    [Option("json", HelpText = "Machine-readable output: one JSON document on standard output.")]
    public bool Json { get; set; }
}

/// <summary><c>cmix sfx</c>.</summary>
[Verb("sfx", HelpText = "Make a self-extracting archive: stub + archive + trailer.")]
internal sealed class SfxVerbOptions
{
    [Value(0, MetaName = "INPUT", Required = true, HelpText = "File to compress (or, with --archive, an existing .cmix archive).")]
    public string? Input { get; set; }

    [Option('o', "output", Required = true, MetaValue = "FILE", HelpText = "Self-extracting executable to write.")]
    public string? Output { get; set; }

    [Option("archive", HelpText = "INPUT is already a CMix archive: embed it as is.")]
    public bool Archive { get; set; }

    [Option("level", Default = Prediction.ModelSettings.DefaultLevel, MetaValue = "N", HelpText = "Compression level 1..9; also -1 .. -9.")]
    public int Level { get; set; }

    [Option('T', "threads", Default = 1, MetaValue = "N", HelpText = "Worker threads (0 = all cores).")]
    public int Threads { get; set; }

    [Option("stub", MetaValue = "PATH", HelpText = "Stub executable (default: $CMIX_SFX_STUB, then cmix-sfx next to cmix).")]
    public string? Stub { get; set; }

    [Option('f', "force", HelpText = "Overwrite an existing output file.")]
    public bool Force { get; set; }

    [Option('q', "quiet", HelpText = "No progress line.")]
    public bool Quiet { get; set; }

    [Option("force-memory", HelpText = "Run even when the estimated memory exceeds the available memory.")]
    public bool ForceMemory { get; set; }
}

/// <summary><c>cmix analyze</c>: where the bits go (Analysis/).</summary>
[Verb("analyze", HelpText = "Where the bits go: the exact cost of every byte under the model that compresses it. A summary on standard output; --csv, --svg, --html write reports.")]
internal sealed class AnalyzeVerbOptions
{
    [Value(0, MetaName = "FILE", HelpText = "File to analyse; none or '-' reads standard input.")]
    public IEnumerable<string> Files { get; set; } = [];

    [Option("level", Default = Prediction.ModelSettings.DefaultLevel, MetaValue = "N", HelpText = "Compression level 1..9 whose model is analysed; also -1 .. -9.")]
    public int Level { get; set; }

    [Option("csv", MetaValue = "FILE", HelpText = "Write the raw numbers as CSV: summary, windows, log windows, byte classes, parts.")]
    public string? Csv { get; set; }

    [Option("svg", MetaValue = "FILE", HelpText = "Write the learning curve (bits per byte against position, log axis) with a heat strip of cost along the file, as SVG.")]
    public string? Svg { get; set; }

    [Option("html", MetaValue = "FILE", HelpText = "Write a self-contained HTML page showing the bytes (text, or hex for binary) coloured by cost.")]
    public string? Html { get; set; }

    [Option("html-bytes", MetaValue = "SIZE", HelpText = "Bytes the HTML page shows: all of a short input, else the first and the last SIZE/2 (default 64K, at most 4M).")]
    public string? HtmlBytes { get; set; }

    [Option("parts", MetaValue = "SIZE", HelpText = "Measure each model part's share on the first SIZE bytes (default 1M; 0 skips): one more pass over them per part.")]
    public string? Parts { get; set; }

    [Option('f', "force", HelpText = "Overwrite existing report files.")]
    public bool Force { get; set; }

    [Option('q', "quiet", HelpText = "No progress line.")]
    public bool Quiet { get; set; }

    [Option("force-memory", HelpText = "Run even when the estimated memory exceeds the memory limit.")]
    public bool ForceMemory { get; set; }

    [Option('M', "memory", MetaValue = "SIZE", HelpText = "Memory limit, e.g. 2G (default: the memory available). Checked before work starts.")]
    public string? Memory { get; set; }
}

/// <summary>Parses normalised arguments (see <see cref="ArgumentNormalizer"/>) into one of the verb option objects.</summary>
internal static class CommandLine
{
    private static readonly Type[] VerbTypes =
    [
        typeof(CompressVerbOptions), typeof(DecompressVerbOptions), typeof(TestVerbOptions),
        typeof(InfoVerbOptions), typeof(ListVerbOptions), typeof(BenchVerbOptions), typeof(SfxVerbOptions),
        typeof(NcdVerbOptions), typeof(DocsVerbOptions), typeof(AnalyzeVerbOptions),
    ];

    /// <summary>
    /// Parses <paramref name="args"/>. Returns the options object, or null with an exit code after
    /// writing help (to <c>Out</c>, exit 0) or the usage error (to <c>Error</c>, exit 2).
    /// </summary>
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(FileVerbOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(CompressVerbOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(DecompressVerbOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(TestVerbOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(InfoVerbOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(BenchVerbOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(SfxVerbOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(ListVerbOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(NcdVerbOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(DocsVerbOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(AnalyzeVerbOptions))]
    public static object? Parse(string[] args, CliConsole console, out int exitCode)
    {
        using var parser = WithoutTerminal(() => new Parser(s =>
        {
            s.HelpWriter = null;
            s.CaseSensitive = true;
            s.EnableDashDash = true;
            s.AutoHelp = true;
            s.AutoVersion = true;
            s.AllowMultiInstance = true;  // ArgumentNormalizer keeps the last of a repeated option; counters (-vv) repeat
            s.MaximumDisplayWidth = 100;
        }));

        var result = parser.ParseArguments(args, VerbTypes);
        if (result is Parsed<object> parsed)
        {
            exitCode = ExitCodes.Ok;
            return parsed.Value;
        }

        var errors = ((NotParsed<object>)result).Errors.ToList();
        if (errors.Any(e => e.Tag == ErrorType.VersionRequestedError))
        {
            console.Out.WriteLine($"cmix {CliApp.Version}");
            exitCode = ExitCodes.Ok;
            return null;
        }

        if (errors.All(e => e.Tag is ErrorType.HelpRequestedError or ErrorType.HelpVerbRequestedError))
        {
            console.Out.Write(BuildHelp(result, errors).ToString());
            console.Out.WriteLine();
            exitCode = ExitCodes.Ok;
            return null;
        }

        var sentences = SentenceBuilder.Create();
        foreach (var error in errors)
        {
            console.Error.WriteLine($"cmix: {sentences.FormatError(error)}");
        }

        string verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] + " " : "";
        console.Error.WriteLine($"Try 'cmix {verb}--help' for the options.");
        exitCode = ExitCodes.Usage;
        return null;
    }

    /// <summary>
    /// Runs <paramref name="make"/> with TERM unset. CommandLineParser's settings read
    /// <c>Console.WindowWidth</c>, which on Unix initialises the terminal from its terminfo entry
    /// and writes "keypad transmit" (<c>ESC[?1h ESC=</c>) to a terminal stdout on every run. With
    /// no TERM, .NET finds no terminfo entry and writes nothing; TERM is restored at once (the
    /// console is initialised only once per process).
    /// </summary>
    private static T WithoutTerminal<T>(Func<T> make)
    {
        string? term = Environment.GetEnvironmentVariable("TERM");
        Environment.SetEnvironmentVariable("TERM", null);
        try
        {
            return make();
        }
        finally
        {
            Environment.SetEnvironmentVariable("TERM", term);
        }
    }

    /// <summary>Every verb with its options, read from the option classes' attributes (hidden verbs included).</summary>
    public static IReadOnlyList<VerbSpec> Verbs => s_verbs.Value;

    private static readonly Lazy<IReadOnlyList<VerbSpec>> s_verbs = new(Describe);

    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(FileVerbOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(CompressVerbOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(DecompressVerbOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(TestVerbOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(InfoVerbOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(ListVerbOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(BenchVerbOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(SfxVerbOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(NcdVerbOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(DocsVerbOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(AnalyzeVerbOptions))]
    private static IReadOnlyList<VerbSpec> Describe() =>
    [
        // Listed with typeof literals so the trimmer sees every type whose properties are read.
        DescribeVerb(typeof(CompressVerbOptions)), DescribeVerb(typeof(DecompressVerbOptions)), DescribeVerb(typeof(TestVerbOptions)),
        DescribeVerb(typeof(InfoVerbOptions)), DescribeVerb(typeof(ListVerbOptions)), DescribeVerb(typeof(BenchVerbOptions)),
        DescribeVerb(typeof(SfxVerbOptions)), DescribeVerb(typeof(NcdVerbOptions)), DescribeVerb(typeof(DocsVerbOptions)), DescribeVerb(typeof(AnalyzeVerbOptions)),
    ];

    private static VerbSpec DescribeVerb([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type)
    {
        var verb = (VerbAttribute)Attribute.GetCustomAttribute(type, typeof(VerbAttribute))!;
        var options = new List<OptionSpec>();
        string? valueName = null, valueHelp = null;
        // Base-class options (FileVerbOptions) first (a stable sort keeps reflection's declaration
        // order within each class; NativeAOT has no metadata tokens to sort by).
        var properties = type.GetProperties().OrderBy(p => p.DeclaringType == type ? 1 : 0);
        foreach (var property in properties)
        {
            if (Attribute.GetCustomAttribute(property, typeof(OptionAttribute)) is OptionAttribute o)
            {
                bool flag = property.PropertyType == typeof(bool) || o.FlagCounter;
                options.Add(new OptionSpec(o.ShortName.Length == 1 ? o.ShortName[0] : null, o.LongName, !flag, o.FlagCounter, o.MetaValue.Length > 0 ? o.MetaValue : null, o.HelpText));
            }
            else if (Attribute.GetCustomAttribute(property, typeof(ValueAttribute)) is ValueAttribute v)
            {
                valueName = v.MetaName;
                valueHelp = v.HelpText;
            }
        }

        return new VerbSpec(verb.Name, verb.HelpText, verb.Hidden, options, valueName, valueHelp);
    }

    private static HelpText BuildHelp(ParserResult<object> result, List<Error> errors)
    {
        // "cmix help VERB" is rewritten to "cmix VERB --help" by ArgumentNormalizer, so a help request
        // names either one verb (its options) or none (the verb index).
        bool index = result.TypeInfo.Current == typeof(NullInstance) || errors.Any(e => e.Tag == ErrorType.HelpVerbRequestedError);
        var help = new HelpText($"cmix {CliApp.Version} - context-mixing compressor", "")
        {
            AdditionalNewLineAfterOption = false,
            AddDashesToOption = !index,
            MaximumDisplayWidth = 100,
            AutoHelp = true,
            AutoVersion = true,
        };
        help.AddPreOptionsLine("Usage: cmix [compress|decompress|test|list|info|bench|sfx|analyze|ncd|version] [OPTIONS] [FILE...]");
        help.AddPreOptionsLine("  cmix -9 big.txt            compress to big.txt.cmix (the input is kept; --rm deletes it)");
        help.AddPreOptionsLine("  cmix -d big.txt.cmix       decompress to big.txt");
        help.AddPreOptionsLine("  cmix sfx big.txt -o big    self-extracting archive");
        help.AddPreOptionsLine("  cmix VERB --help           the options of one verb");
        help.AddPreOptionsLine("Exit codes: 0 ok, 1 error (no partial output file is left), 2 usage.");
        if (index)
        {
            help.AddVerbs(VerbTypes);
        }
        else
        {
            help.AddOptions(result);
        }

        return help;
    }
}
