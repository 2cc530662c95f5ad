using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CMix.Memory;

namespace CMix.Maps;

/// <summary>
/// Hash table of nibble slots in cache-line buckets. A bucket is 64 bytes holding three 20-byte
/// slots (4 bytes spare); a slot is a 16-bit check, the 15 bit-history states of one nibble's
/// binary tree (node j = 1, 2..3, 4..7, 8..15 by bits seen so far with a leading 1, at byte
/// 1 + j), then a run record (last byte seen, repeat count) used by first-nibble slots.
/// </summary>
/// <remarks>
/// <see cref="Find"/> looks for the slot whose check matches within the hashed bucket; when none
/// does, it reuses the slot with the lowest priority (the state of node 1, since states are
/// numbered by increasing count) and clears it. Everything a context needs for a nibble is in
/// one cache line. Memory: 2^bits × 64 bytes from <see cref="LargeTable"/> (huge pages where possible).
/// </remarks>
public sealed unsafe class HashTable : IDisposable
{
    /// <summary>Bytes per bucket (one cache line).</summary>
    public const int BucketBytes = 64;

    /// <summary>Bytes per nibble slot.</summary>
    public const int SlotBytes = 20;

    /// <summary>Offset of node j's state is StateOffset + j.</summary>
    public const int StateOffset = 1;

    /// <summary>Offset of the run record's byte; the repeat count follows.</summary>
    public const int RunOffset = 17;

    private readonly NativeBlock _block;
    private byte* _t;  // _block's memory, cached for the lookups
    private readonly uint _mask;
    private readonly int _shift;

    /// <param name="bits">log2 of the bucket count, in [10, 30]</param>
    public HashTable(int bits)
    {
        Debug.Assert(bits >= 10 && bits <= 30);
        nuint bytes = (nuint)BucketBytes << bits;
        _block = LargeTable.Alloc(bytes);
        _t = _block.Pointer;
        _mask = (1u << bits) - 1;
        _shift = 32 - bits;
    }

    private HashTable(HashTable source)
    {
        _block = LargeTable.Copy(source._block);
        _t = _block.Pointer;
        _mask = source._mask;
        _shift = source._shift;
    }

    /// <summary>A copy of this table in its own memory (<c>Predictor.Clone</c>).</summary>
    internal HashTable Clone() => new(this);

    /// <summary>Where <paramref name="slot"/>, a slot of this table, is in <paramref name="copy"/>, a <see cref="Clone"/> of it.</summary>
    internal byte* SlotIn(HashTable copy, byte* slot)
    {
        Debug.Assert(slot >= _t && slot < _t + Bytes);
        return copy._t + (slot - _t);
    }

    /// <summary>Bytes allocated.</summary>
    public long Bytes => (long)(_mask + 1) * BucketBytes;

    /// <summary>Starts loading the bucket of <paramref name="hash"/> into cache.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(uint hash)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(_t + ((long)(hash >> _shift) * BucketBytes));
        }
    }

    /// <summary>
    /// Returns the slot for a 32-bit context hash: the bucket comes from the high bits, the check
    /// from the low 16 bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* Find(uint hash)
    {
        ushort check = (ushort)hash;
        byte* b = _t + ((long)(hash >> _shift) * BucketBytes);
        if (*(ushort*)b == check)
        {
            return b;
        }

        if (*(ushort*)(b + SlotBytes) == check)
        {
            return b + SlotBytes;
        }

        if (*(ushort*)(b + 2 * SlotBytes) == check)
        {
            return b + 2 * SlotBytes;
        }

        // Replace the least used slot: priority = state of node 1 (byte 2).
        byte* victim = b;
        if (b[SlotBytes + 2] < victim[2])
        {
            victim = b + SlotBytes;
        }

        if (b[2 * SlotBytes + 2] < victim[2])
        {
            victim = b + 2 * SlotBytes;
        }

        NativeMemory.Clear(victim, SlotBytes);
        *(ushort*)victim = check;
        return victim;
    }

    /// <summary>Frees the table.</summary>
    public void Dispose()
    {
        _t = null;
        _block.Dispose();
    }
}
