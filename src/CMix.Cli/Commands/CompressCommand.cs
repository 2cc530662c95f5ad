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

        long? prime = options.Prime is null ? null : ByteSize.Parse(options.Prime, "--prime");
        if (prime > BlockLayout.MaxPrimeLength)
        {
            throw new UsageException($"--prime {options.Prime} is larger than the longest shared prefix, 256M");
        }

        if (prime > 0 && (blockSize == 0 || (blockSize is null && options.Threads == 1)))
        {
            throw new UsageException("--prime needs several blocks: use -T 2 or more, or --block SIZE");
        }

        if (prime + blockSize > Compressor.MaxBlockSize)
        {
            throw new UsageException("--block and --prime together must stay within 1G (the first block holds both)");
        }

        long? limit = DecompressCommand.MemoryLimit(options.Memory);
        ReadOnlyMemory<byte>? reference = ReferenceFile.Read(options.Reference);
        return FileJob.RunAll(options, console, compressing: true, OutputName, (input, length, path, output, progress, kernel) =>
        {
            var layout = Compressor.ResolveLayout(new CompressionOptions { Threads = options.Threads, BlockSize = blockSize, PrimeLength = prime, InputLength = length });
            long resolvedBlock = layout.BlockSize;
            long learned = (reference?.Length ?? 0) + layout.PrimeLength;
            MemoryGuard.Check(options.Level, options.Threads, resolvedBlock, options.ForceMemory, limit, length, learned);
            if (options.Verbose > 1)
            {
                console.Error.WriteLine(
                    $"{(path is null ? "(stdin)" : Path.GetFileName(path))}: level {options.Level}, {Math.Max(options.Threads, 0)} thread(s), " +
                    $"block {(resolvedBlock == 0 ? "one" : resolvedBlock + " bytes")}{(layout.PrimeLength > 0 ? $", shared prefix {layout.PrimeLength} bytes" : "")}, kernel {kernel?.Name ?? Compressor.KernelInfo.Kernel}, " +
                    $"memory estimate {ByteSize.Mib(Compressor.EstimateMemory(options.Level, options.Threads, resolvedBlock, Compressor.ResolveInputBits(length, resolvedBlock, learned)))}");
            }

            var settings = new CompressionOptions
            {
                Level = options.Level,
                Threads = options.Threads,
                BlockSize = blockSize,
                PrimeLength = prime,
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
