using System.Globalization;
using CMix.Coding;

namespace CMix.Cli.Commands;

/// <summary><c>cmix test</c> / <c>cmix -t</c>: decodes each archive and verifies its checksum, writing nothing.</summary>
internal static class TestCommand
{
    public static int Run(TestVerbOptions options, CliConsole console)
    {
        if (options.Threads < 0)
        {
            throw new UsageException("-T must be 0 (all cores) or a positive number of threads");
        }

        var inputs = options.Files.ToList();
        if (inputs.Count == 0)
        {
            inputs.Add("-");
        }

        int code = ExitCodes.Ok;
        foreach (string input in inputs)
        {
            bool fromStdin = input == "-";
            string label = fromStdin ? "(stdin)" : input;
            try
            {
                if (fromStdin && console.InputIsTerminal)
                {
                    throw new CliException("compressed data is not read from a terminal; redirect a file into cmix or name one");
                }

                DecompressCommand.CheckMemory(fromStdin ? null : input, options.Threads, options.ForceMemory);
                using var stream = fromStdin ? console.Input : File.OpenRead(input);
                var progress = new ProgressReporter(console.Error, console.ErrorIsTerminal && !options.Quiet, Path.GetFileName(label), null);
                long length;
                try
                {
                    length = Compressor.Decompress(stream, Stream.Null, options.Threads, progress.Callback);
                }
                finally
                {
                    progress.Finish();
                }

                if (options.Verbose)
                {
                    console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: OK ({length} bytes, checksum verified)"));
                }
            }
            catch (Exception e) when (e is CliException or CmixFormatException or IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"cmix: {label}: {e.Message}");
                code = ExitCodes.Error;
            }
        }

        return code;
    }
}
