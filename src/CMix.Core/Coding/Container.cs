using System.Buffers.Binary;
using K4os.Hash.xxHash;

namespace CMix.Coding;

/// <summary>
/// Frame layout after the header (see docs/FORMAT.md). A segment frame carries at most
/// <see cref="SegmentSize"/> original bytes coded with a fresh arithmetic coder; kind
/// <see cref="KindNewBlock"/> also resets the model. The end frame carries the original length
/// and its xxHash64. Every frame header has its own xxHash32, and a segment's coded bytes another
/// (the coder's last byte can often change without changing the decoded data, so the final
/// xxHash64 alone would not notice every damaged byte).
/// </summary>
internal static class Container
{
    /// <summary>Original bytes per segment (the coder is flushed between segments).</summary>
    public const int SegmentSize = 1 << 22;

    public const byte KindEnd = 0;
    public const byte KindContinue = 1;
    public const byte KindNewBlock = 2;

    public const int SegmentHeaderBytes = 17;
    public const int EndFrameBytes = 21;

    /// <summary>Largest coded size accepted for a segment of rawLength bytes (the coder expands random data by well under 2×).</summary>
    public static long MaxCodedLength(int rawLength) => 2L * rawLength + 64;

    public static void WriteSegment(Stream output, byte kind, int rawLength, ReadOnlySpan<byte> coded)
    {
        Span<byte> h = stackalloc byte[SegmentHeaderBytes];
        h[0] = kind;
        BinaryPrimitives.WriteInt32LittleEndian(h[1..], rawLength);
        BinaryPrimitives.WriteInt32LittleEndian(h[5..], coded.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(h[9..], XXH32.DigestOf(coded));
        BinaryPrimitives.WriteUInt32LittleEndian(h[13..], XXH32.DigestOf(h[..13]));
        output.Write(h);
        output.Write(coded);
    }

    public static void WriteEnd(Stream output, long length, ulong hash)
    {
        Span<byte> e = stackalloc byte[EndFrameBytes];
        e[0] = KindEnd;
        BinaryPrimitives.WriteInt64LittleEndian(e[1..], length);
        BinaryPrimitives.WriteUInt64LittleEndian(e[9..], hash);
        BinaryPrimitives.WriteUInt32LittleEndian(e[17..], XXH32.DigestOf(e[..17]));
        output.Write(e);
    }

    /// <summary>One frame as read from an archive.</summary>
    public readonly record struct Frame(byte Kind, int RawLength, byte[] Coded, int CodedLength, long EndLength, ulong EndHash);

    /// <summary>Reads the next frame, validating its header; <paramref name="offset"/> is for messages.</summary>
    public static Frame ReadFrame(Stream input, long offset)
    {
        Span<byte> kind = stackalloc byte[1];
        StreamUtil.ReadExactly(input, kind, "the frame list (missing end frame)");
        if (kind[0] == KindEnd)
        {
            Span<byte> e = stackalloc byte[EndFrameBytes];
            e[0] = KindEnd;
            StreamUtil.ReadExactly(input, e[1..], "the end frame");
            if (BinaryPrimitives.ReadUInt32LittleEndian(e[17..]) != XXH32.DigestOf(e[..17]))
            {
                throw new CmixFormatException($"corrupt archive: end frame checksum mismatch at byte {offset}");
            }

            long length = BinaryPrimitives.ReadInt64LittleEndian(e[1..]);
            return new Frame(KindEnd, 0, [], 0, length, BinaryPrimitives.ReadUInt64LittleEndian(e[9..]));
        }

        if (kind[0] != KindContinue && kind[0] != KindNewBlock)
        {
            throw new CmixFormatException($"corrupt archive: unknown frame kind {kind[0]} at byte {offset}");
        }

        Span<byte> h = stackalloc byte[SegmentHeaderBytes];
        h[0] = kind[0];
        StreamUtil.ReadExactly(input, h[1..], "a segment header");
        if (BinaryPrimitives.ReadUInt32LittleEndian(h[13..]) != XXH32.DigestOf(h[..13]))
        {
            throw new CmixFormatException($"corrupt archive: segment header checksum mismatch at byte {offset}");
        }

        int raw = BinaryPrimitives.ReadInt32LittleEndian(h[1..]);
        int coded = BinaryPrimitives.ReadInt32LittleEndian(h[5..]);
        if (raw <= 0 || raw > SegmentSize || coded <= 0 || coded > MaxCodedLength(raw))
        {
            throw new CmixFormatException($"corrupt archive: segment lengths out of range at byte {offset}");
        }

        var data = new byte[coded];
        StreamUtil.ReadExactly(input, data, "a segment's coded data");
        if (BinaryPrimitives.ReadUInt32LittleEndian(h[9..]) != XXH32.DigestOf(data))
        {
            throw new CmixFormatException($"corrupt archive: coded data checksum mismatch in the segment at byte {offset}");
        }

        return new Frame(kind[0], raw, data, coded, 0, 0);
    }
}
