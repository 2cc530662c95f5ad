using K4os.Hash.xxHash;

namespace CMix.Coding;

/// <summary>
/// What an archive records about the reference its model learned before the data (see
/// <see cref="CompressionOptions.Reference"/>): the reference's length and its xxHash64 (seed 0).
/// The reference itself is not stored; a decoder must be given the same bytes, and checks them
/// against this stamp before it decodes anything.
/// </summary>
/// <param name="Length">Bytes of the reference.</param>
/// <param name="Hash">xxHash64 (seed 0) of the reference.</param>
public readonly record struct ReferenceStamp(long Length, ulong Hash)
{
    /// <summary>The stamp of <paramref name="reference"/>.</summary>
    public static ReferenceStamp Of(ReadOnlySpan<byte> reference) => new(reference.Length, XXH64.DigestOf(reference));

    /// <summary>"N bytes, xxHash64 0123456789abcdef", as messages and <c>cmix info</c> print it.</summary>
    public override string ToString() => $"{Length} bytes, xxHash64 {Hash:x16}";
}
