using System.Text;
using CMix.Cli.IO;

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

    /// <summary>
    /// The real standard streams of this process, as plain descriptor streams
    /// (<see cref="DescriptorStream"/>): writes go through the shared file offset, a closed pipe
    /// stops the work, and System.Console never touches the terminal. Text on stdout shares the
    /// byte stream (so text and data stay in order); stderr drops what it cannot write.
    /// </summary>
    public static CliConsole FromSystem()
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var output = new DescriptorStream(1, FileAccess.Write);
        return new CliConsole
        {
            Input = new DescriptorStream(0, FileAccess.Read),
            Output = output,
            Out = new StreamWriter(output, utf8, bufferSize: 4096, leaveOpen: true) { AutoFlush = true },
            Error = new StreamWriter(new DiagnosticStream(new DescriptorStream(2, FileAccess.Write)), utf8, bufferSize: 1024) { AutoFlush = true },
            InputIsTerminal = DescriptorStream.IsTerminal(0),
            OutputIsTerminal = DescriptorStream.IsTerminal(1),
            ErrorIsTerminal = DescriptorStream.IsTerminal(2),
        };
    }
}
