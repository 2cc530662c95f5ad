using System.Globalization;
using CMix.Cli.IO;
using CMix.Coding;

namespace CMix.Cli.Commands;

/// <summary>
/// <c>cmix test</c> / <c>cmix -t</c>: decodes each input (archives, concatenations of them, or a
/// self-extracting archive) and verifies every checksum, writing nothing. Each input is opened
/// once and read as a stream, so a FIFO or <c>&lt;(…)</c> works.
/// </summary>
internal static class TestCommand
{
    public static int Run(TestVerbOptions options, CliConsole console)
    {
        if (options.Threads < 0)
        {
            throw new UsageException("-T must be 0 (all cores) or a positive number of threads");
        }

        long? limit = DecompressCommand.MemoryLimit(options.Memory);
        ReadOnlyMemory<byte>? reference = ReferenceFile.Read(options.Reference);
        var inputs = options.Files.ToList();
        if (inputs.Count == 0)
        {
            inputs.Add("-");
        }

        // --gpu: the kernel is made once, before any archive is opened.
        return GpuKernel.Run(options.Gpu, console, kernel =>
        {
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

                    if (!fromStdin && Directory.Exists(input))
                    {
                        throw new CliException("is a directory; name files (cmix does not recurse)");
                    }

                    using var opened = fromStdin ? ArchiveInput.Stdin(console.Input) : ArchiveInput.Open(input);
                    var progress = new ProgressReporter(console.Error, console.ErrorIsTerminal && !options.Quiet, Path.GetFileName(label), null);
                    long length;
                    try
                    {
                        length = ArchiveDecoder.DecodeAll(opened.Archive, Stream.Null, new ArchiveDecoder.Settings(options.Threads, limit, options.ForceMemory, kernel, reference), progress.Callback);
                    }
                    finally
                    {
                        progress.Finish();
                    }

                    if (options.Verbose > 0)
                    {
                        console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: OK ({length} bytes, checksum verified)"));
                    }
                }
                catch (Exception e) when (e is CliException or CmixFormatException or IOException or UnauthorizedAccessException && e is not BrokenPipeException)
                {
                    console.Error.WriteLine($"cmix: {label}: {e.Message}");
                    code = ExitCodes.Error;
                }
            }

            return code;
        });
    }
}
