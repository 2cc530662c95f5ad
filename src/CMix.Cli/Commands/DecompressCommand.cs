using CMix.Coding;

namespace CMix.Cli.Commands;

/// <summary><c>cmix decompress</c> / <c>cmix -d</c>: FILE.cmix → FILE (archive kept unless --rm), stdin → stdout.</summary>
internal static class DecompressCommand
{
    public static int Run(DecompressVerbOptions options, CliConsole console)
    {
        return FileJob.RunAll(options, console, compressing: false, OutputName, (input, length, path, output, progress) =>
        {
            var header = CheckMemory(path, options.Threads, options.ForceMemory);
            if (header?.OriginalLength is long original && original > 0 && length is long archive)
            {
                progress.FixedRatio = (double)archive / original;
            }

            return Compressor.Decompress(input, output, options.Threads, progress.Callback);
        });
    }

    /// <summary>
    /// Applies <see cref="MemoryGuard"/> to the level and block size in the header of the archive at
    /// <paramref name="path"/> and returns that header. Stdin cannot be peeked without buffering,
    /// so it is not checked (null is returned).
    /// </summary>
    internal static ArchiveHeader? CheckMemory(string? path, int threads, bool force)
    {
        if (path is null)
        {
            return null;
        }

        using var peek = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096);
        var header = ArchiveHeader.Read(peek);
        MemoryGuard.Check(header.Level, header.BlockSize == 0 ? 1 : threads, header.BlockSize, force);
        return header;
    }

    private static string? OutputName(string input, out string? reason)
    {
        if (input.EndsWith(CompressCommand.Suffix, StringComparison.Ordinal) && input.Length > CompressCommand.Suffix.Length)
        {
            reason = null;
            return input[..^CompressCommand.Suffix.Length];
        }

        reason = $"unknown suffix (expected {CompressCommand.Suffix}); use -o NAME or -c";
        return null;
    }
}
