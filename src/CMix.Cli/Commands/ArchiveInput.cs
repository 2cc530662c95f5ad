using CMix.Sfx;
using CMix.Sfx.IO;

namespace CMix.Cli.Commands;

/// <summary>
/// Opens an archive named on the command line exactly once, as a stream. A regular file that
/// ends in a valid <see cref="SfxTrailer"/> is a self-extracting archive: the stream is then the
/// embedded archive alone. Anything that cannot seek (a pipe, a FIFO, <c>&lt;(…)</c>) is read
/// as it comes, with no length and no trailer check: it is never opened twice.
/// </summary>
internal static class ArchiveInput
{
    /// <summary>An opened input: the archive bytes, the file to dispose, the archive length when known, and whether it was an SFX.</summary>
    public sealed class Opened(Stream archive, Stream owner, long? length, long? stubLength) : IDisposable
    {
        public Stream Archive { get; } = archive;

        public long? Length { get; } = length;

        /// <summary>The stub's length when the input is a self-extracting archive.</summary>
        public long? StubLength { get; } = stubLength;

        public void Dispose() => owner.Dispose();
    }

    /// <summary>Opens <paramref name="path"/> (throws <see cref="IOException"/> and kin as File does).</summary>
    public static Opened Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        try
        {
            if (!file.CanSeek)
            {
                return new Opened(file, file, null, null);
            }

            long length = file.Length;
            if (length >= SfxTrailer.Size)
            {
                Span<byte> tail = stackalloc byte[SfxTrailer.Size];
                file.Position = length - SfxTrailer.Size;
                file.ReadExactly(tail);
                file.Position = 0;
                if (SfxTrailer.TryParse(tail, length, out _) is SfxTrailer trailer)
                {
                    return new Opened(new BoundedReadStream(file, trailer.StubLength, trailer.ArchiveLength), file, trailer.ArchiveLength, trailer.StubLength);
                }
            }

            return new Opened(file, file, length, null);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="path"/> as plain data (an input to compress): a length only when it can seek.</summary>
    public static Opened OpenPlain(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        return new Opened(file, file, file.CanSeek ? file.Length : null, null);
    }

    /// <summary>Standard input, as it comes.</summary>
    public static Opened Stdin(Stream input) => new(input, Stream.Null, null, null);
}
