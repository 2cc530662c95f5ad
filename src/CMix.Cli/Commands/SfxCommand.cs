using System.Globalization;
using CMix.Cli.IO;
using CMix.Coding;
using CMix.Prediction;
using CMix.Sfx;

namespace CMix.Cli.Commands;

/// <summary>
/// <c>cmix sfx INPUT -o OUTPUT</c>: writes <c>[stub][archive][trailer]</c> (see <see cref="SfxTrailer"/>)
/// as an executable file and prints the stub, payload and total sizes.
/// </summary>
internal static class SfxCommand
{
    /// <summary>Permissions of the written executable (rwxr-xr-x).</summary>
    private const UnixFileMode Executable =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public static int Run(SfxVerbOptions options, CliConsole console)
    {
        if (options.Level is < ModelSettings.MinLevel or > ModelSettings.MaxLevel)
        {
            throw new UsageException($"level must be {ModelSettings.MinLevel}..{ModelSettings.MaxLevel} (-1 .. -9), not {options.Level}");
        }

        if (options.Threads < 0)
        {
            throw new UsageException("-T must be 0 (all cores) or a positive number of threads");
        }

        string input = options.Input!;
        string output = options.Output!;
        try
        {
            var result = Build(input, output, options, console);
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stub {result.Stub} bytes + payload {result.Archive} bytes + trailer {SfxTrailer.Size} bytes = total {result.Total} bytes -> {output}"));
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is CliException or CmixFormatException or IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"cmix: sfx: {e.Message}");
            return ExitCodes.Error;
        }
    }

    /// <summary>Writes the SFX; returns the stub, archive and total byte counts.</summary>
    internal static (long Stub, long Archive, long Total) Build(string input, string output, SfxVerbOptions options, CliConsole console)
    {
        string stubPath = StubLocator.Require(options.Stub);
        if (!File.Exists(input))
        {
            throw new CliException($"{input}: no such file");
        }

        string full = Path.GetFullPath(output);
        if (full == Path.GetFullPath(input) || full == Path.GetFullPath(stubPath))
        {
            throw new CliException("the output must differ from the input and from the stub; use another -o name");
        }

        byte[] stub = File.ReadAllBytes(stubPath);
        if (stub.Length == 0 || SfxTrailer.TryParse(stub.AsSpan(Math.Max(0, stub.Length - SfxTrailer.Size)), stub.Length, out _) is not null)
        {
            throw new CliException($"{stubPath} is not an SFX stub (empty, or already a self-extracting archive); point --stub at cmix-sfx");
        }

        using var file = AtomicFile.Create(output, options.Force);
        file.Stream.Write(stub);
        var counter = new CountingStream(file.Stream);
        using (var source = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan))
        {
            if (options.Archive)
            {
                // Refuse a foreign or damaged archive now rather than at extraction time.
                var info = Compressor.Inspect(source, scanFrames: true);
                if (info.Header.Reference is ReferenceStamp reference)
                {
                    throw new CliException($"{input}: compressed against a reference ({reference}), which a self-extracting archive cannot carry; decompress it and make the SFX from the original");
                }

                if (info.ArchiveLength != source.Length)
                {
                    throw new CliException($"{input}: {source.Length - info.ArchiveLength} unexpected bytes after the end of the archive");
                }

                source.Position = 0;
                source.CopyTo(counter);
            }
            else
            {
                MemoryGuard.Check(options.Level, options.Threads, Compressor.ResolveBlockSize(new CompressionOptions { Threads = options.Threads, InputLength = source.Length }), options.ForceMemory, inputLength: source.Length);
                var progress = new ProgressReporter(console.Error, console.ErrorIsTerminal && !options.Quiet, Path.GetFileName(input), () => counter.BytesWritten);
                try
                {
                    var settings = new CompressionOptions
                    {
                        Level = options.Level,
                        Threads = options.Threads,
                        Name = Path.GetFileName(input),
                        InputLength = source.Length,
                    };
                    Compressor.Compress(source, counter, settings, progress.Callback);
                }
                finally
                {
                    progress.Finish();
                }
            }
        }

        var trailer = new SfxTrailer(counter.BytesWritten, stub.Length);
        Span<byte> tail = stackalloc byte[SfxTrailer.Size];
        trailer.Write(tail);
        file.Stream.Write(tail);
        file.Commit(OperatingSystem.IsWindows() ? null : Executable);
        return (stub.Length, trailer.ArchiveLength, trailer.TotalLength);
    }
}
