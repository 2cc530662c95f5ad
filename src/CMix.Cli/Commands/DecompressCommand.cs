using CMix.Cli.IO;
using CMix.Coding;

namespace CMix.Cli.Commands;

/// <summary>
/// <c>cmix decompress</c> / <c>cmix -d</c>: FILE.cmix → FILE (archive kept unless --rm), stdin →
/// stdout. Concatenated archives decode to the concatenation; a self-extracting archive decodes
/// like the archive it embeds.
/// </summary>
internal static class DecompressCommand
{
    /// <summary>Suffix of self-extracting archives that <c>-d</c> strips (any file with an SFX trailer is accepted).</summary>
    public const string SfxSuffix = ".sfx";

    public static int Run(DecompressVerbOptions options, CliConsole console)
    {
        long? limit = MemoryLimit(options.Memory);
        ReadOnlyMemory<byte>? reference = ReferenceFile.Read(options.Reference);
        return FileJob.RunAll(options, console, compressing: false, OutputName, (input, length, path, output, progress, kernel) =>
        {
            var settings = new ArchiveDecoder.Settings(options.Threads, limit, options.ForceMemory, kernel, reference);
            return ArchiveDecoder.DecodeAll(input, output, settings, progress.Callback, header =>
            {
                if (header.OriginalLength is long original && original > 0 && length is long archive)
                {
                    progress.FixedRatio = (double)archive / original;
                }
            });
        });
    }

    /// <summary>The <c>-M</c>/<c>--memory</c> value in bytes, or null when not given.</summary>
    internal static long? MemoryLimit(string? text) => text is null ? null : ByteSize.Parse(text, "--memory");

    private static string? OutputName(string input, out string? reason)
    {
        foreach (string suffix in (string[])[CompressCommand.Suffix, SfxSuffix])
        {
            if (input.EndsWith(suffix, StringComparison.Ordinal) && input.Length > suffix.Length)
            {
                reason = null;
                return input[..^suffix.Length];
            }
        }

        reason = $"unknown suffix (expected {CompressCommand.Suffix}); use -o NAME or -c";
        return null;
    }
}
