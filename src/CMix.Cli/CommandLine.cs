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

    [Option('o', "output", HelpText = "Output file name (one input only).")]
    public string? Output { get; set; }

    [Option('f', "force", HelpText = "Overwrite existing output files; write compressed data to a terminal.")]
    public bool Force { get; set; }

    [Option('k', "keep", HelpText = "Keep input files (the default; accepted for gzip compatibility).")]
    public bool Keep { get; set; }

    [Option("rm", HelpText = "Delete each input file after its output was written successfully.")]
    public bool Remove { get; set; }

    [Option('T', "threads", Default = 1, HelpText = "Worker threads (0 = all cores). Blocks are coded in parallel; -T changes the archive bytes.")]
    public int Threads { get; set; }

    [Option('v', "verbose", HelpText = "Print sizes, ratio and speed for each file on standard error.")]
    public bool Verbose { get; set; }

    [Option('q', "quiet", HelpText = "No progress line.")]
    public bool Quiet { get; set; }

    [Option("force-memory", HelpText = "Run even when the estimated memory exceeds the available memory.")]
    public bool ForceMemory { get; set; }

    [Option("gpu", HelpText = GpuKernel.HelpText)]
    public bool Gpu { get; set; }
}

/// <summary><c>cmix compress</c> (also the verb used when none is given).</summary>
[Verb("compress", isDefault: true, HelpText = "Compress files (default verb). FILE -> FILE.cmix.")]
internal sealed class CompressVerbOptions : FileVerbOptions
{
    [Option('l', "level", Default = Prediction.ModelSettings.DefaultLevel, HelpText = "Compression level 1 (fast) .. 9 (strongest); also -1 .. -9.")]
    public int Level { get; set; }

    [Option("block", HelpText = "Block size for parallel coding, e.g. 64M, up to 1G (0 = one block). Default: one block per thread, at most 256M.")]
    public string? Block { get; set; }
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

    [Option('T', "threads", Default = 1, HelpText = "Worker threads for multi-block archives (0 = all cores).")]
    public int Threads { get; set; }

    [Option('v', "verbose", HelpText = "Print OK and sizes for each archive.")]
    public bool Verbose { get; set; }

    [Option('q', "quiet", HelpText = "No progress line.")]
    public bool Quiet { get; set; }

    [Option("force-memory", HelpText = "Run even when the estimated memory exceeds the available memory.")]
    public bool ForceMemory { get; set; }

    [Option("gpu", HelpText = GpuKernel.HelpText)]
    public bool Gpu { get; set; }
}

/// <summary><c>cmix info</c>.</summary>
[Verb("info", HelpText = "Without FILE: version, SIMD support, mixer kernel, CUDA mixer status and memory per level. With FILE: the archive's header and frames.")]
internal sealed class InfoVerbOptions
{
    [Value(0, MetaName = "FILE", HelpText = "An archive or self-extracting archive to describe.")]
    public string? File { get; set; }
}

/// <summary><c>cmix bench</c>.</summary>
[Verb("bench", HelpText = "Benchmark: --hutter FILE prints the Hutter Prize style report.")]
internal sealed class BenchVerbOptions
{
    [Option("hutter", Required = true, HelpText = "File to compress and decompress for the Hutter-style report.")]
    public string? Hutter { get; set; }

    [Option('l', "level", Default = Prediction.ModelSettings.DefaultLevel, HelpText = "Compression level 1..9; also -1 .. -9.")]
    public int Level { get; set; }

    [Option('T', "threads", Default = 1, HelpText = "Worker threads (the prize measures one).")]
    public int Threads { get; set; }

    [Option("stub", HelpText = "SFX stub to count (default: $CMIX_SFX_STUB, then cmix-sfx next to cmix).")]
    public string? Stub { get; set; }

    [Option("force-memory", HelpText = "Run even when the estimated memory exceeds the available memory.")]
    public bool ForceMemory { get; set; }
}

/// <summary><c>cmix sfx</c>.</summary>
[Verb("sfx", HelpText = "Make a self-extracting archive: stub + archive + trailer.")]
internal sealed class SfxVerbOptions
{
    [Value(0, MetaName = "INPUT", Required = true, HelpText = "File to compress (or, with --archive, an existing .cmix archive).")]
    public string? Input { get; set; }

    [Option('o', "output", Required = true, HelpText = "Self-extracting executable to write.")]
    public string? Output { get; set; }

    [Option("archive", HelpText = "INPUT is already a CMix archive: embed it as is.")]
    public bool Archive { get; set; }

    [Option('l', "level", Default = Prediction.ModelSettings.DefaultLevel, HelpText = "Compression level 1..9; also -1 .. -9.")]
    public int Level { get; set; }

    [Option('T', "threads", Default = 1, HelpText = "Worker threads (0 = all cores).")]
    public int Threads { get; set; }

    [Option("stub", HelpText = "Stub executable (default: $CMIX_SFX_STUB, then cmix-sfx next to cmix).")]
    public string? Stub { get; set; }

    [Option('f', "force", HelpText = "Overwrite an existing output file.")]
    public bool Force { get; set; }

    [Option('q', "quiet", HelpText = "No progress line.")]
    public bool Quiet { get; set; }

    [Option("force-memory", HelpText = "Run even when the estimated memory exceeds the available memory.")]
    public bool ForceMemory { get; set; }
}

/// <summary>Parses normalised arguments (see <see cref="ArgumentNormalizer"/>) into one of the verb option objects.</summary>
internal static class CommandLine
{
    private static readonly Type[] VerbTypes =
    [
        typeof(CompressVerbOptions), typeof(DecompressVerbOptions), typeof(TestVerbOptions),
        typeof(InfoVerbOptions), typeof(BenchVerbOptions), typeof(SfxVerbOptions),
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
    public static object? Parse(string[] args, CliConsole console, out int exitCode)
    {
        using var parser = new Parser(s =>
        {
            s.HelpWriter = null;
            s.CaseSensitive = true;
            s.EnableDashDash = true;
            s.AutoHelp = true;
            s.AutoVersion = true;
            s.AllowMultiInstance = false;
        });

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
        help.AddPreOptionsLine("Usage: cmix [compress|decompress|test|info|bench|sfx] [OPTIONS] [FILE...]");
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
