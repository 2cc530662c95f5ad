using CMix.Cli.IO;

namespace CMix.Sfx;

/// <summary>Entry point of the self-extracting stub.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        // No SIGINT/SIGTERM handler (PosixSignalRegistration adds about 21 KB): an interrupted
        // extraction may leave its hidden temporary file, never a partial file under the real name.
        // Descriptor streams rather than System.Console (whose streams initialise the terminal and
        // add about 150 KB) or FileStream (which writes at its own position, not the shell's
        // shared offset: `{ ./x.sfx -c; ./x.sfx -c; } > out` kept one copy).
        DescriptorStream.ReserveStandardDescriptors();
        var stdout = StandardOutput();
        using var stderr = new IO.Utf8LineWriter(new DiagnosticStream(new DescriptorStream(2, FileAccess.Write)));
        try
        {
            return SfxApp.Run(Environment.ProcessPath, args, stdout, stderr);
        }
        catch (Exception e)
        {
            // The stub is published without the reflection runtime (CMix.Sfx.csproj), and the
            // runtime's report of an unhandled exception names its type through reflection; so
            // nothing may escape Main. The message alone needs no reflection. Exit code 1: error.
            stderr.WriteLine($"{SfxApp.DisplayName(Environment.ProcessPath)}: {e.Message}");
            return 1;
        }
    }

    /// <summary>Standard output with plain write semantics (the shared file offset; EPIPE stops the work).</summary>
    internal static Stream StandardOutput() => new DescriptorStream(1, FileAccess.Write);
}
