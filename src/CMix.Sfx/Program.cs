using Microsoft.Win32.SafeHandles;

namespace CMix.Sfx;

/// <summary>Entry point of the self-extracting stub.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        // No SIGINT/SIGTERM handler (PosixSignalRegistration adds about 21 KB): an interrupted
        // extraction may leave its hidden temporary file, never a partial file under the real name.
        // File streams on descriptors 1 and 2 rather than System.Console: even its raw streams
        // initialise the terminal (terminfo, key parsing) on Unix, about 36 KB of code a stub
        // never needs, and every byte of the stub counts in a Hutter-style total.
        using var stdout = StandardStream(1);
        using var stderr = new IO.Utf8LineWriter(new IO.DiagnosticStream(StandardStream(2)));
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

    /// <summary>An unbuffered write stream on inherited descriptor <paramref name="fd"/>, left open at dispose.</summary>
    private static FileStream StandardStream(int fd) =>
        new(new SafeFileHandle(fd, ownsHandle: false), FileAccess.Write, bufferSize: 0);
}
