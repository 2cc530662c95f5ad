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

    /// <summary>
    /// The format version of an archive whose later blocks' models learn a shared prefix
    /// (<see cref="PrimeLength"/>): the version-1 or version-2 header, then the prefix fields. A
    /// decoder that knows only versions 1 and 2 refuses it by number, so it never decodes such
    /// blocks without their prefix.
    /// </summary>
    public const int PrimedFormatVersion = 3;

    /// <summary>Bytes of the prefix fields (version 3): length i64, xxHash32 u32 of the 8 before.</summary>
    public const int PrimeBytes = 12;

    /// <summary>Bytes of the reference fields (version 2, or version 3 with the flag): length i64, xxHash64 u64, xxHash32 u32 of the 16 before.</summary>
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

    /// <summary>Flag bit: the reference fields follow the header checksum (format version 2, or 3).</summary>
    private const int FlagReference = 2;

    /// <summary>Flag bit: the prefix fields follow the header checksum and the reference fields (set exactly when the format version is 3).</summary>
    private const int FlagPrime = 4;

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

    /// <summary>
    /// Bytes of the shared prefix every block's model after the first learns (format version 3,
    /// <see cref="BlockLayout"/>), or 0 (versions 1 and 2). The first block may then hold
    /// <see cref="BlockSize"/> + this many bytes.
    /// </summary>
    public long PrimeLength { get; init; }

    /// <summary>The format version a header with these fields has: 3 with a prefix, else 2 with a reference, else 1.</summary>
    public static int VersionFor(ReferenceStamp? reference, long primeLength) =>
        primeLength > 0 ? PrimedFormatVersion : reference is null ? CurrentFormatVersion : ReferenceFormatVersion;

    /// <summary>Serialises the header including its checksum.</summary>
    public byte[] ToBytes()
    {
        byte[] name = Encoding.UTF8.GetBytes(Name);
        if (name.Length > MaxNameBytes)
        {
            throw new ArgumentException($"file name longer than {MaxNameBytes} UTF-8 bytes");
        }

        // Versions this build knows must match their fields (a test may write an unknown one).
        bool known = FormatVersion is CurrentFormatVersion or ReferenceFormatVersion or PrimedFormatVersion;
        if ((known && FormatVersion != VersionFor(Reference, PrimeLength)) || PrimeLength < 0 || (PrimeLength > 0 && (BlockSize == 0 || FormatVersion != PrimedFormatVersion)))
        {
            throw new ArgumentException($"format version {FormatVersion} does not match the header's fields (reference {(Reference.HasValue ? "yes" : "no")}, prefix {PrimeLength}, block size {BlockSize})");
        }

        int fixedAndName = FixedBytes + name.Length;
        var b = new byte[fixedAndName + 4 + (Reference.HasValue ? ReferenceBytes : 0) + (PrimeLength > 0 ? PrimeBytes : 0)];
        Magic.CopyTo(b);
        b[4] = (byte)FormatVersion;
        b[5] = (byte)Level;
        b[6] = (byte)ModelVersion;
        b[7] = (byte)Transform;
        b[8] = (byte)((OriginalLength.HasValue ? FlagLengthKnown : 0) | (Reference.HasValue ? FlagReference : 0) | (PrimeLength > 0 ? FlagPrime : 0));
        b[9] = (byte)InputBits;
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(10), (ushort)name.Length);
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(12), BlockSize);
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(20), OriginalLength ?? 0);
        name.CopyTo(b, FixedBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(fixedAndName), XXH32.DigestOf(b, 0, fixedAndName));
        int at = fixedAndName + 4;
        if (Reference is ReferenceStamp reference)
        {
            BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(at), reference.Length);
            BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(at + 8), reference.Hash);
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at + 16), XXH32.DigestOf(b, at, 16));
            at += ReferenceBytes;
        }

        if (PrimeLength > 0)
        {
            BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(at), PrimeLength);
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at + 8), XXH32.DigestOf(b, at, 8));
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
        if (version is not (CurrentFormatVersion or ReferenceFormatVersion or PrimedFormatVersion))
        {
            throw new CmixFormatException($"unsupported format version {version}: this build reads versions {CurrentFormatVersion} to {PrimedFormatVersion}; use a matching cmix release");
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
        bool hasReference = (b[8] & FlagReference) != 0;
        bool hasPrime = (b[8] & FlagPrime) != 0;
        if (blockSize < 0 || length < 0 || (b[8] & ~(FlagLengthKnown | FlagReference | FlagPrime)) != 0
            || hasPrime != (version == PrimedFormatVersion) || (version == ReferenceFormatVersion) != (hasReference && !hasPrime)
            || (hasPrime && blockSize == 0))
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

        long primeLength = 0;
        if (hasPrime)
        {
            Span<byte> p = stackalloc byte[PrimeBytes];
            if (StreamUtil.ReadAtMost(input, p) < PrimeBytes)
            {
                throw new CmixFormatException("truncated archive: the header is incomplete");
            }

            if (BinaryPrimitives.ReadUInt32LittleEndian(p[8..]) != XXH32.DigestOf(p[..8]))
            {
                throw new CmixFormatException("corrupt archive header (shared prefix fields checksum mismatch)");
            }

            primeLength = BinaryPrimitives.ReadInt64LittleEndian(p);
            if (primeLength <= 0 || primeLength > BlockLayout.MaxPrimeLength || blockSize + primeLength > Compressor.MaxBlockSize)
            {
                throw new CmixFormatException($"corrupt archive header (shared prefix length {primeLength} out of range)");
            }
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
            PrimeLength = primeLength,
        };
    }
}
