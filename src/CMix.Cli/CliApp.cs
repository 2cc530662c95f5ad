using System.Reflection;
using CMix.Cli.Commands;
using CMix.Cli.IO;

namespace CMix.Cli;

/// <summary>
/// The whole command line as a function: arguments and streams in, exit code out. Tests call
/// <see cref="Run"/> in-process with injected streams; <see cref="Program"/> passes the real console.
/// </summary>
internal static class CliApp
{
    /// <summary>The product version (informational version of this assembly).</summary>
    public static string Version { get; } =
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(CliApp).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>
    /// Runs one command; returns <see cref="ExitCodes.Ok"/>, <see cref="ExitCodes.Error"/> or
    /// <see cref="ExitCodes.Usage"/>. This is the one outer handler: nothing escapes it. Whatever
    /// a command throws becomes one line, <c>cmix: …</c>, exit 1 (2 for usage).
    /// </summary>
    public static int Run(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        try
        {
            return Dispatch(args, console);
        }
        catch (UsageException e)
        {
            console.Error.WriteLine($"cmix: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e)
        {
            // Temporary files were deleted on the way out (AtomicFile is always disposed);
            // Program deletes any still pending before the process exits.
            console.Error.WriteLine($"cmix: {Describe(e)}");
            return ExitCodes.Error;
        }
    }

    /// <summary>One line for an exception no command handled: its innermost useful message.</summary>
    internal static string Describe(Exception e)
    {
        while (e is TypeInitializationException or TargetInvocationException or AggregateException && e.InnerException is not null)
        {
            e = e.InnerException!;
        }

        string message = e.Message.ReplaceLineEndings(" ");
        return e switch
        {
            OutOfMemoryException or InsufficientMemoryException =>
                "out of memory; use a lower level (-1..-9), fewer threads (-T) or a memory limit (-M SIZE)",
            BrokenPipeException or CliException or IOException or UnauthorizedAccessException or NotSupportedException or CMix.Coding.CmixFormatException => message,
            _ => $"internal error ({e.GetType().Name}): {message}",
        };
    }

    private static int Dispatch(string[] args, CliConsole console)
    {
        string[]? normalized = ArgumentNormalizer.Normalize(args, out string? error);
        if (normalized is null)
        {
            console.Error.WriteLine($"cmix: {error}");
            console.Error.WriteLine("Try 'cmix --help' for the options.");
            return ExitCodes.Usage;
        }

        object? options = CommandLine.Parse(normalized, console, out int exitCode);
        if (options is null)
        {
            return exitCode;
        }

        return options switch
        {
            CompressVerbOptions o => CompressCommand.Run(o, console),
            DecompressVerbOptions o => DecompressCommand.Run(o, console),
            TestVerbOptions o => TestCommand.Run(o, console),
            InfoVerbOptions o => InfoCommand.Run(o, console),
            ListVerbOptions o => ListCommand.Run(o, console),
            BenchVerbOptions o => BenchCommand.Run(o, console),
            SfxVerbOptions o => SfxCommand.Run(o, console),
            NcdVerbOptions o => NcdCommand.Run(o, console),
            DocsVerbOptions o => DocsCommand.Run(o, console),
            AnalyzeVerbOptions o => AnalyzeCommand.Run(o, console),
            _ => throw new InvalidOperationException($"no command for {options.GetType().Name}"),
        };
    }
}
