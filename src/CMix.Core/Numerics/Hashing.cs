using System.Runtime.CompilerServices;

namespace CMix.Numerics;

/// <summary>
/// CMix's own context hashes. Fixed odd multipliers and shifts only, so every platform and
/// run computes the same values (never <c>HashCode</c> or <c>string.GetHashCode</c>).
/// </summary>
public static class Hashing
{
    /// <summary>2^32 / golden ratio, odd.</summary>
    public const uint Phi = 0x9E3779B1u;

    private const uint M1 = 0x85EBCA77u;
    private const uint M2 = 0xC2B2AE3Du;
    private const uint M3 = 0x27D4EB2Fu;

    /// <summary>Avalanche finaliser: every input bit affects every output bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Finalize(uint h)
    {
        h ^= h >> 15;
        h *= M1;
        h ^= h >> 13;
        h *= M2;
        h ^= h >> 16;
        return h;
    }

    /// <summary>Hashes a small context id <paramref name="index"/> with a value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Hash(uint index, uint a) => Finalize(((index + 1) * Phi) ^ (a * M3));

    /// <summary>Hashes a context id with two values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Hash(uint index, uint a, uint b) => Finalize(((index + 1) * Phi) ^ (a * M3) ^ Finalize(b + M1));

    /// <summary>Folds one more value into a running hash (order-sensitive).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Combine(uint h, uint x) => (h ^ (x + 0x9E37u)) * M3 + (h >> 17);

    /// <summary>
    /// Combine(Combine(<paramref name="h"/>, <paramref name="x"/>), <paramref name="y"/>), out of
    /// line: the context hashers call it at dozens of sites, which stay small that way (the
    /// self-extracting stub counts their bytes).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static uint Combine(uint h, uint x, uint y) => Combine(Combine(h, x), y);
}
