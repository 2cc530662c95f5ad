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

        return FileJob.RunAll(options, console, compressing: true, OutputName, (input, length, path, output, progress, kernel) =>
        {
            MemoryGuard.Check(options.Level, options.Threads, Compressor.ResolveBlockSize(new CompressionOptions { Threads = options.Threads, BlockSize = blockSize, InputLength = length }), options.ForceMemory);
            var settings = new CompressionOptions
            {
                Level = options.Level,
                Threads = options.Threads,
                BlockSize = blockSize,
                Name = path is null ? "" : Path.GetFileName(path),
                InputLength = length,
            };
            return Compressor.Compress(input, output, settings, progress.Callback, kernel);
        });
    }

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
