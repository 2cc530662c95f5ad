using System.Reflection;
using CMix.Cli.Commands;

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

    /// <summary>Runs one command; returns <see cref="ExitCodes.Ok"/>, <see cref="ExitCodes.Error"/> or <see cref="ExitCodes.Usage"/>.</summary>
    public static int Run(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
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

        try
        {
            return options switch
            {
                CompressVerbOptions o => CompressCommand.Run(o, console),
                DecompressVerbOptions o => DecompressCommand.Run(o, console),
                TestVerbOptions o => TestCommand.Run(o, console),
                InfoVerbOptions o => InfoCommand.Run(o, console),
                BenchVerbOptions o => BenchCommand.Run(o, console),
                SfxVerbOptions o => SfxCommand.Run(o, console),
                _ => throw new InvalidOperationException($"no command for {options.GetType().Name}"),
            };
        }
        catch (UsageException e)
        {
            console.Error.WriteLine($"cmix: {e.Message}");
            return ExitCodes.Usage;
        }
    }
}
