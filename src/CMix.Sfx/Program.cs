using System.Text;

namespace CMix.Sfx;

/// <summary>Entry point of the self-extracting stub.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        // No SIGINT/SIGTERM handler (PosixSignalRegistration adds about 21 KB): an interrupted
        // extraction may leave its hidden temporary file, never a partial file under the real name.
        // Raw standard streams rather than Console.Error: the console's TextWriter brings terminal
        // handling (terminfo, key parsing) that a stub never needs, and every byte of the stub
        // counts in a Hutter-style total.
        using var stdout = Console.OpenStandardOutput();
        using var stderr = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
        return SfxApp.Run(Environment.ProcessPath, args, stdout, stderr);
    }
}
