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

    /// <summary>The container format version this build writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

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

    /// <summary>Serialises the header including its checksum.</summary>
    public byte[] ToBytes()
    {
        byte[] name = Encoding.UTF8.GetBytes(Name);
        if (name.Length > MaxNameBytes)
        {
            throw new ArgumentException($"file name longer than {MaxNameBytes} UTF-8 bytes");
        }

        var b = new byte[FixedBytes + name.Length + 4];
        Magic.CopyTo(b);
        b[4] = (byte)FormatVersion;
        b[5] = (byte)Level;
        b[6] = (byte)ModelVersion;
        b[7] = (byte)Transform;
        b[8] = (byte)(OriginalLength.HasValue ? FlagLengthKnown : 0);
        b[9] = (byte)InputBits;
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(10), (ushort)name.Length);
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(12), BlockSize);
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(20), OriginalLength ?? 0);
        name.CopyTo(b, FixedBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(FixedBytes + name.Length), XXH32.DigestOf(b, 0, FixedBytes + name.Length));
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
        if (version != CurrentFormatVersion)
        {
            throw new CmixFormatException($"unsupported format version {version}: this build reads version {CurrentFormatVersion}; use a matching cmix release");
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
        if (blockSize < 0 || length < 0 || (b[8] & ~FlagLengthKnown) != 0)
        {
            throw new CmixFormatException("corrupt archive header (field out of range)");
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
        };
    }
}
