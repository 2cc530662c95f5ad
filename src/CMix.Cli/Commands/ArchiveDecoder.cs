using CMix.Cli.IO;
using CMix.Coding;
using CMix.Mixing;

namespace CMix.Cli.Commands;

/// <summary>
/// Decodes everything an input holds: one archive, or several concatenated (<c>cat a.cmix
/// b.cmix</c>), to the concatenation of their contents, as gzip and xz do. Each archive's header
/// is read first and checked against the reference (<see cref="Compressor.CheckReference"/>) and the memory limit (<see cref="MemoryGuard.CheckDecompression"/>)
/// before any model is built; then the header's bytes are served again to the decoder, so the
/// input is read once, as a stream. Bytes after an archive that do not start another one are an
/// error. Every archive's checksum is verified (by <see cref="Compressor.DecompressMember"/>).
/// </summary>
internal static class ArchiveDecoder
{
    /// <summary>
    /// How to decode: threads, memory limit (null = what is available), whether to ignore the
    /// limit, the kernel override, the reference every archive must have been made with (null: none).
    /// </summary>
    public readonly record struct Settings(int Threads, long? MemoryLimit, bool ForceMemory, MixerKernel? Kernel, ReadOnlyMemory<byte>? Reference = null);

    /// <summary>Decodes every archive of <paramref name="input"/> into <paramref name="output"/>; returns the bytes written.</summary>
    /// <param name="onHeader">Called with each archive's header once it passed the memory check (the progress ratio).</param>
    public static long DecodeAll(Stream input, Stream output, Settings settings, Action<CodingProgress>? progress, Action<ArchiveHeader>? onHeader = null)
    {
        var source = new RewindableStream(input);
        long total = 0;
        for (int member = 0; ; member++)
        {
            source.Mark();
            if (member > 0 && source.ReadByte() == -1)
            {
                return total;
            }

            source.Rewind();
            source.Mark();
            ArchiveHeader header;
            try
            {
                header = ArchiveHeader.Read(source);
            }
            catch (CmixFormatException e) when (member > 0)
            {
                throw new CmixFormatException($"unexpected data after the end of archive {member} (not another CMix archive: {e.Message})");
            }

            Compressor.CheckReference(header, settings.Reference);
            MemoryGuard.CheckDecompression(header, settings.Threads, settings.ForceMemory, settings.MemoryLimit);
            onHeader?.Invoke(header);
            source.Rewind();
            total += Compressor.DecompressMember(source, output, settings.Reference, settings.Threads, progress, settings.Kernel);
        }
    }
}
