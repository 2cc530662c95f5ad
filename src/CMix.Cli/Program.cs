using System.Runtime.InteropServices;
using CMix.Cli.IO;

namespace CMix.Cli;

/// <summary>Process entry point; all behaviour lives in <see cref="CliApp"/>.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        // Interrupted runs must not leave temporary files; the default action (exit) follows.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnTerminate);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnTerminate);
        DescriptorStream.ReserveStandardDescriptors();
        var console = CliConsole.FromSystem();
        int code = CliApp.Run(args, console);
        if (code != ExitCodes.Ok)
        {
            AtomicFile.DeletePending();  // a failed run leaves no temporary file, whatever path it took
        }

        try
        {
            console.Out.Flush();
        }
        catch (IOException e)
        {
            // Text still buffered for a closed stdout (cmix info | head -1); said once only.
            if (code == ExitCodes.Ok)
            {
                console.Error.WriteLine($"cmix: {e.Message}");
                code = ExitCodes.Error;
            }
        }

        return code;
    }

    private static void OnTerminate(PosixSignalContext context) => AtomicFile.DeletePending();
}
