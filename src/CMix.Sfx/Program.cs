using System.Runtime.InteropServices;
using System.Text;
using CMix.Cli.IO;

namespace CMix.Sfx;

/// <summary>Entry point of the self-extracting stub.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        // An interrupted extraction must not leave its temporary file; the default action follows.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnTerminate);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnTerminate);
        // Raw standard streams rather than Console.Error: the console's TextWriter brings terminal
        // handling (terminfo, key parsing) that a stub never needs, and every byte of the stub
        // counts in a Hutter-style total.
        using var stdout = Console.OpenStandardOutput();
        using var stderr = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
        return SfxApp.Run(Environment.ProcessPath, args, stdout, stderr);
    }

    private static void OnTerminate(PosixSignalContext context) => AtomicFile.DeletePending();
}
