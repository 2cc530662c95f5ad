namespace CMix.Cli;

/// <summary>
/// The process's standard streams, injectable so tests can run the CLI in-process. Binary data
/// (<c>-c</c>, stdin input) uses the streams; human-readable text uses the writers.
/// </summary>
internal sealed class CliConsole
{
    /// <summary>Standard input as bytes.</summary>
    public required Stream Input { get; init; }

    /// <summary>Standard output as bytes (archives or decompressed data with <c>-c</c>).</summary>
    public required Stream Output { get; init; }

    /// <summary>Standard output as text (reports of info, bench, sfx).</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error: errors, warnings, progress.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Whether stdin is a terminal (compressed data is not read from one).</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>Whether stdout is a terminal (compressed data is not written to one without -f).</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>Whether stderr is a terminal (the progress line is shown only then).</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>The real console of this process.</summary>
    public static CliConsole FromSystem() => new()
    {
        Input = Console.OpenStandardInput(),
        Output = Console.OpenStandardOutput(),
        Out = Console.Out,
        Error = Console.Error,
        InputIsTerminal = !Console.IsInputRedirected,
        OutputIsTerminal = !Console.IsOutputRedirected,
        ErrorIsTerminal = !Console.IsErrorRedirected,
    };
}
