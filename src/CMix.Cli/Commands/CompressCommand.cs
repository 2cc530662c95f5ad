using CMix.Cli.IO;
using CMix.Coding;
using CMix.Prediction;

namespace CMix.Cli.Commands;

/// <summary><c>cmix compress</c>: FILE → FILE.cmix (input kept unless --rm), stdin → stdout.</summary>
internal static class CompressCommand
{
    /// <summary>Suffix of archives.</summary>
    public const string Suffix = ".cmix";

    public static int Run(CompressVerbOptions options, CliConsole console)
    {
        if (options.Level is < ModelSettings.MinLevel or > ModelSettings.MaxLevel)
        {
            throw new UsageException($"level must be {ModelSettings.MinLevel}..{ModelSettings.MaxLevel} (-1 .. -9), not {options.Level}");
        }

        long? blockSize = options.Block is null ? null : ByteSize.Parse(options.Block, "--block");
        if (blockSize > Compressor.MaxBlockSize)
        {
            throw new UsageException($"--block {options.Block} is larger than the largest block, 1G (a thread holds its block in memory)");
        }

        long? limit = DecompressCommand.MemoryLimit(options.Memory);
        ReadOnlyMemory<byte>? reference = ReferenceFile.Read(options.Reference);
        return FileJob.RunAll(options, console, compressing: true, OutputName, (input, length, path, output, progress, kernel) =>
        {
            long resolvedBlock = Compressor.ResolveBlockSize(new CompressionOptions { Threads = options.Threads, BlockSize = blockSize, InputLength = length });
            MemoryGuard.Check(options.Level, options.Threads, resolvedBlock, options.ForceMemory, limit, length, reference?.Length ?? 0);
            if (options.Verbose > 1)
            {
                console.Error.WriteLine(
                    $"{(path is null ? "(stdin)" : Path.GetFileName(path))}: level {options.Level}, {Math.Max(options.Threads, 0)} thread(s), " +
                    $"block {(resolvedBlock == 0 ? "one" : resolvedBlock + " bytes")}, kernel {kernel?.Name ?? Compressor.KernelInfo.Kernel}, " +
                    $"memory estimate {ByteSize.Mib(Compressor.EstimateMemory(options.Level, options.Threads, resolvedBlock, Compressor.ResolveInputBits(length, resolvedBlock, reference?.Length ?? 0)))}");
            }

            var settings = new CompressionOptions
            {
                Level = options.Level,
                Threads = options.Threads,
                BlockSize = blockSize,
                Name = StoredName(path),
                InputLength = length,
                Reference = reference,
            };
            return Compressor.Compress(input, output, settings, progress.Callback, kernel);
        });
    }

    /// <summary>The name kept in the header: the file name, none for stdin or a /dev/fd path (process substitution).</summary>
    private static string StoredName(string? path) =>
        path is null || path.StartsWith("/dev/fd/", StringComparison.Ordinal) || path.StartsWith("/proc/self/fd/", StringComparison.Ordinal)
            ? ""
            : Path.GetFileName(path);

    private static string? OutputName(string input, out string? reason)
    {
        if (input.EndsWith(Suffix, StringComparison.Ordinal))
        {
            reason = $"already has the {Suffix} suffix; use -o NAME to compress it again";
            return null;
        }

        reason = null;
        return input + Suffix;
    }
}
