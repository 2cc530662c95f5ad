using System.Buffers.Binary;
using System.Text;
using CMix.Prediction;
using K4os.Hash.xxHash;

namespace CMix.Coding;

/// <summary>
/// The archive header (see docs/FORMAT.md): everything a decoder needs to rebuild the model,
/// protected by its own xxHash32 so a damaged header is reported as such.
/// </summary>
public sealed record ArchiveHeader
{
    /// <summary>"CMIX" in ASCII.</summary>
    public static ReadOnlySpan<byte> Magic => "CMIX"u8;

    /// <summary>The container format version this build writes for an archive without a reference (and reads).</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>
    /// The format version of an archive whose model learned a reference first: version 1 with the
    /// reference fields after the header checksum. A decoder that knows only version 1 checks the
    /// header's checksum, then refuses the version by number ("unsupported format version 2"),
    /// so it never decodes such an archive without its reference.
    /// </summary>
    public const int ReferenceFormatVersion = 2;

    /// <summary>Bytes of the reference fields (version 2): length i64, xxHash64 u64, xxHash32 u32 of the 16 before.</summary>
    public const int ReferenceBytes = 20;

    /// <summary>Bytes of the fixed part, before the name and the header checksum.</summary>
    public const int FixedBytes = 28;

    /// <summary>Longest stored file name in UTF-8 bytes.</summary>
    public const int MaxNameBytes = 1024;

    /// <summary>What <c>ToString</c> prints between the braces (short, for the self-extracting stub's size).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Level = ").Append(Level).Append(", ModelVersion = ").Append(ModelVersion).Append(", InputBits = ").Append(InputBits);
        return true;
    }

    /// <summary>Flag bit: <see cref="OriginalLength"/> is known (input was not a stream of unknown size).</summary>
    private const int FlagLengthKnown = 1;

    /// <summary>Flag bit: the reference fields follow the header checksum (set exactly when the format version is 2).</summary>
    private const int FlagReference = 2;

    public required int FormatVersion { get; init; }

    public required int Level { get; init; }

    public required int ModelVersion { get; init; }

    /// <summary>Reversible transform applied before modelling; 0 = none, 1 = x86 CALL/JMP (<see cref="Transforms.X86CallTransform"/>).</summary>
    public required int Transform { get; init; }

    /// <summary>
    /// The input class the model's tables were sized for (byte 9): blocks of at most 2^InputBits
    /// bytes, or 0 for the level's full tables (input of unknown length). See
    /// <see cref="ModelSettings.InputBits"/>; the decoder builds its model with the same value.
    /// </summary>
    public int InputBits { get; init; }

    /// <summary>Bytes per independent block; 0 = the whole input is one block (one model).</summary>
    public required long BlockSize { get; init; }

    /// <summary>Original length when known at compression time, else null (then only the trailer has it).</summary>
    public required long? OriginalLength { get; init; }

    /// <summary>Original file name (no directories), or empty.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The reference the model learned before the data (format version 2), or null (version 1).
    /// Decoding needs the same reference: its length and xxHash64 must match.
    /// </summary>
    public ReferenceStamp? Reference { get; init; }

    /// <summary>Serialises the header including its checksum.</summary>
    public byte[] ToBytes()
    {
        byte[] name = Encoding.UTF8.GetBytes(Name);
        if (name.Length > MaxNameBytes)
        {
            throw new ArgumentException($"file name longer than {MaxNameBytes} UTF-8 bytes");
        }

        if ((FormatVersion == ReferenceFormatVersion) != Reference.HasValue)
        {
            throw new ArgumentException($"format version {FormatVersion} {(Reference.HasValue ? "cannot carry" : "needs")} a reference");
        }

        int fixedAndName = FixedBytes + name.Length;
        var b = new byte[fixedAndName + 4 + (Reference.HasValue ? ReferenceBytes : 0)];
        Magic.CopyTo(b);
        b[4] = (byte)FormatVersion;
        b[5] = (byte)Level;
        b[6] = (byte)ModelVersion;
        b[7] = (byte)Transform;
        b[8] = (byte)((OriginalLength.HasValue ? FlagLengthKnown : 0) | (Reference.HasValue ? FlagReference : 0));
        b[9] = (byte)InputBits;
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(10), (ushort)name.Length);
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(12), BlockSize);
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(20), OriginalLength ?? 0);
        name.CopyTo(b, FixedBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(fixedAndName), XXH32.DigestOf(b, 0, fixedAndName));
        if (Reference is ReferenceStamp reference)
        {
            int at = fixedAndName + 4;
            BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(at), reference.Length);
            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(at + 8), reference.Hash);
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at + 16), XXH32.DigestOf(b, at, 16));
        }

        return b;
    }

    /// <summary>Reads and validates a header; throws <see cref="CmixFormatException"/> with the precise reason.</summary>
    public static ArchiveHeader Read(Stream input)
    {
        var b = new byte[FixedBytes + MaxNameBytes + 4];
        int got = StreamUtil.ReadAtMost(input, b.AsSpan(0, FixedBytes));
        if (got < Magic.Length || !b.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new CmixFormatException("not a CMix archive (bad magic bytes)");
        }

        if (got < FixedBytes)
        {
            throw new CmixFormatException("truncated archive: the header is incomplete");
        }

        int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(10));
        if (nameLength > MaxNameBytes)
        {
            throw new CmixFormatException("corrupt archive header (name length out of range)");
        }

        if (StreamUtil.ReadAtMost(input, b.AsSpan(FixedBytes, nameLength + 4)) < nameLength + 4)
        {
            throw new CmixFormatException("truncated archive: the header is incomplete");
        }

        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(FixedBytes + nameLength));
        if (stored != XXH32.DigestOf(b, 0, FixedBytes + nameLength))
        {
            throw new CmixFormatException("corrupt archive header (header checksum mismatch)");
        }

        int version = b[4];
        if (version != CurrentFormatVersion && version != ReferenceFormatVersion)
        {
            throw new CmixFormatException($"unsupported format version {version}: this build reads versions {CurrentFormatVersion} and {ReferenceFormatVersion}; use a matching cmix release");
        }

        int level = b[5];
        if (level < ModelSettings.MinLevel || level > ModelSettings.MaxLevel)
        {
            throw new CmixFormatException($"corrupt archive header (level {level} out of range)");
        }

        if (b[6] != ModelSettings.ModelVersion)
        {
            throw new CmixFormatException($"unsupported model version {b[6]}: this build implements model version {ModelSettings.ModelVersion}");
        }

        if (b[7] != 0 && b[7] != Transforms.X86CallTransform.Id)
        {
            throw new CmixFormatException($"unsupported transform id {b[7]}");
        }

        // Model version 10 and older left byte 9 zero and did not read it; from 11 on it sizes the
        // tables, and a version-10 decoder refuses these archives by their model version.
        if (!TableSizes.IsValid(b[9]))
        {
            throw new CmixFormatException($"corrupt archive header (table size class {b[9]} out of range: 0 or {ModelSettings.MinInputBits}..{ModelSettings.MaxInputBits})");
        }

        long blockSize = BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(12));
        long length = BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(20));
        bool hasReference = version == ReferenceFormatVersion;
        if (blockSize < 0 || length < 0 || (b[8] & ~(FlagLengthKnown | FlagReference)) != 0 || ((b[8] & FlagReference) != 0) != hasReference)
        {
            throw new CmixFormatException("corrupt archive header (field out of range)");
        }

        ReferenceStamp? reference = null;
        if (hasReference)
        {
            Span<byte> r = stackalloc byte[ReferenceBytes];
            if (StreamUtil.ReadAtMost(input, r) < ReferenceBytes)
            {
                throw new CmixFormatException("truncated archive: the header is incomplete");
            }

            if (BinaryPrimitives.ReadUInt32LittleEndian(r[16..]) != XXH32.DigestOf(r[..16]))
            {
                throw new CmixFormatException("corrupt archive header (reference fields checksum mismatch)");
            }

            long referenceLength = BinaryPrimitives.ReadInt64LittleEndian(r);
            if (referenceLength < 0)
            {
                throw new CmixFormatException("corrupt archive header (reference length out of range)");
            }

            reference = new ReferenceStamp(referenceLength, BinaryPrimitives.ReadUInt64LittleEndian(r[8..]));
        }

        return new ArchiveHeader
        {
            FormatVersion = version,
            Level = level,
            ModelVersion = b[6],
            Transform = b[7],
            InputBits = b[9],
            BlockSize = blockSize,
            OriginalLength = (b[8] & FlagLengthKnown) != 0 ? length : null,
            Name = Encoding.UTF8.GetString(b, FixedBytes, nameLength),
            Reference = reference,
        };
    }
}
