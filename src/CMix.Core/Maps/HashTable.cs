using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CMix.Maps;

/// <summary>
/// Hash table of nibble slots in cache-line buckets. A bucket is 64 bytes holding four 16-byte
/// slots; a slot is an 8-bit check followed by the 15 bit-history states of one nibble's
/// binary tree (node j = 1, 2..3, 4..7, 8..15 by bits seen so far with a leading 1).
/// </summary>
/// <remarks>
/// <see cref="Find"/> looks for the slot whose check matches within the hashed bucket; when none
/// does, it reuses the slot with the lowest priority (the state of node 1, since states are
/// numbered by increasing count) and clears it. Memory: 2^bits × 64 bytes, 64-byte aligned.
/// </remarks>
public sealed unsafe class HashTable : IDisposable
{
    /// <summary>Bytes per bucket (one cache line).</summary>
    public const int BucketBytes = 64;

    /// <summary>Bytes per nibble slot.</summary>
    public const int SlotBytes = 16;

    private byte* _t;
    private readonly uint _mask;
    private readonly int _shift;

    /// <param name="bits">log2 of the bucket count, in [10, 30]</param>
    public HashTable(int bits)
    {
        Debug.Assert(bits >= 10 && bits <= 30);
        nuint bytes = (nuint)BucketBytes << bits;
        _t = (byte*)NativeMemory.AlignedAlloc(bytes, BucketBytes);
        NativeMemory.Clear(_t, bytes);
        _mask = (1u << bits) - 1;
        _shift = 32 - bits;
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
    /// from the low 8 bits. The returned pointer addresses the check byte; states follow at +1..+15.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* Find(uint hash)
    {
        byte check = (byte)hash;
        byte* b = _t + ((long)(hash >> _shift) * BucketBytes);
        if (b[0] == check)
        {
            return b;
        }

        if (b[16] == check)
        {
            return b + 16;
        }

        if (b[32] == check)
        {
            return b + 32;
        }

        if (b[48] == check)
        {
            return b + 48;
        }

        // Replace the least used slot: priority = state of node 1.
        byte* victim = b;
        if (b[16 + 1] < victim[1])
        {
            victim = b + 16;
        }

        if (b[32 + 1] < victim[1])
        {
            victim = b + 32;
        }

        if (b[48 + 1] < victim[1])
        {
            victim = b + 48;
        }

        *(ulong*)victim = check;
        *(ulong*)(victim + 8) = 0;
        return victim;
    }

    /// <summary>Frees the table.</summary>
    public void Dispose()
    {
        if (_t != null)
        {
            NativeMemory.AlignedFree(_t);
            _t = null;
        }
    }
}
