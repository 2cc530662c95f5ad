using System.Buffers.Binary;

namespace CMix.Sfx;

/// <summary>
/// The fixed trailer at the very end of a self-extracting archive. The file is laid out as
/// <c>[stub][archive][trailer]</c>; the trailer is <see cref="Size"/> bytes:
/// <c>magic "CMIXSFX1" (8) | archive length (int64 LE) | stub length (int64 LE)</c>.
/// A file is a valid SFX only when stub length + archive length + trailer size equals its length,
/// so truncation or appended bytes are detected before any output is written. This file is
/// compiled into both the CLI (writer) and the stub (reader).
/// </summary>
internal readonly record struct SfxTrailer(long ArchiveLength, long StubLength)
{
    /// <summary>Trailer size in bytes.</summary>
    public const int Size = 24;

    /// <summary>"CMIXSFX1": format marker and trailer version in one.</summary>
    public static ReadOnlySpan<byte> Magic => "CMIXSFX1"u8;

    /// <summary>Total file length this trailer describes.</summary>
    public long TotalLength => StubLength + ArchiveLength + Size;

    /// <summary>Writes the trailer into <paramref name="destination"/> (at least <see cref="Size"/> bytes).</summary>
    public void Write(Span<byte> destination)
    {
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], ArchiveLength);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], StubLength);
    }

    /// <summary>
    /// Parses the last <see cref="Size"/> bytes of a file of <paramref name="fileLength"/> bytes.
    /// Returns null with a reason when the trailer is missing or does not describe the file exactly.
    /// </summary>
    public static SfxTrailer? TryParse(ReadOnlySpan<byte> trailer, long fileLength, out string? error)
    {
        if (trailer.Length != Size || !trailer[..8].SequenceEqual(Magic))
        {
            error = "no self-extracting archive found in this file (missing trailer: truncated or not an SFX)";
            return null;
        }

        long archive = BinaryPrimitives.ReadInt64LittleEndian(trailer[8..]);
        long stub = BinaryPrimitives.ReadInt64LittleEndian(trailer[16..]);
        if (archive <= 0 || stub <= 0 || archive > fileLength || stub > fileLength || stub + archive + Size != fileLength)
        {
            error = $"damaged self-extracting archive: the trailer describes {stub} + {archive} + {Size} bytes but the file has {fileLength}";
            return null;
        }

        error = null;
        return new SfxTrailer(archive, stub);
    }
}
