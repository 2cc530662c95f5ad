using System.Diagnostics;
using System.Runtime.CompilerServices;
using CMix.Mixing;
using CMix.Models;
using CMix.Numerics;

namespace CMix.Prediction;

/// <summary>The weight-set count and the context of every <see cref="Selector"/> (chosen every bit by <see cref="SelectorChoice"/>).</summary>
internal static class Selectors
{
    /// <summary>Weight sets of <paramref name="selector"/> for a level with <paramref name="contexts"/> hashed contexts.</summary>
    public static int Sets(Selector selector, int contexts) => selector switch
    {
        Selector.C0 => 256,
        Selector.MatchState => 32,
        Selector.Classes2Bit => ByteClass.Count * ByteClass.Count * 8,
        Selector.WordLengthC0 => 8 * 256,
        Selector.C2C1 => 65536,
        Selector.KnownBit => (contexts + 1) * 8,
        Selector.C2 => 256,
        Selector.Classes4Bit => 4096 * 8,
        Selector.C3 => 256,
        Selector.C1Uniform => 1024,
        Selector.Order3HashC0 => 65536,
        Selector.WordPair => 65536,
        Selector.ExpectedByteBit => 512 * 8,
        Selector.KnownOrdersC0Match => 16 * 256 * 2,
        Selector.C0Match => 512,
        Selector.C1C0 => 65536,
        Selector.Classes2C0 => ByteClass.Count * ByteClass.Count * 256,
        Selector.WordLengthC0Match => 8 * 256 * 2,
        Selector.ExpectedByteC0 => 512 * 256,
        _ => throw new ArgumentOutOfRangeException(nameof(selector), selector, null),
    };

    /// <summary>
    /// How <paramref name="selector"/>'s context is formed: <see cref="Row"/> | (c0 &amp;
    /// <c>C0Mask</c>) | (bit position &amp; <c>BitMask</c>), or, when <c>PerBit</c>, by
    /// <see cref="PerBitContext"/> every bit (the selectors that read the match or context model).
    /// </summary>
    public static (int C0Mask, int BitMask, bool PerBit) Form(Selector selector) => selector switch
    {
        Selector.C0 or Selector.WordLengthC0 or Selector.Order3HashC0 or Selector.C1C0 or Selector.Classes2C0 => (0xFF, 0, false),
        Selector.Classes2Bit or Selector.Classes4Bit => (0, 7, false),
        Selector.C2C1 or Selector.C2 or Selector.C3 or Selector.WordPair => (0, 0, false),
        _ => (0, 0, true),
    };

    /// <summary>
    /// The byte part of a selector's context that is not <c>PerBit</c> (see <see cref="Form"/>),
    /// after the bytes <paramref name="c4"/> (c1 lowest) with the text state of <paramref name="s"/>;
    /// its bits below the mask of <see cref="Form"/> are zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]  // into SelectorChoice.BeginByte's loop
    public static int Row(Selector selector, uint c4, CodingState s)
    {
        int c1 = (int)(c4 & 0xFF), c2 = (int)((c4 >> 8) & 0xFF), c3 = (int)((c4 >> 16) & 0xFF);
        switch (selector)
        {
            case Selector.C0: return 0;
            case Selector.Classes2Bit: return (s.Text.Classes4 >> 6) * 8;
            case Selector.WordLengthC0: return Math.Min(s.Text.WordLength, 7) << 8;
            case Selector.C2C1: return (c2 << 8) | c1;
            case Selector.C2: return c2;
            case Selector.Classes4Bit: return s.Text.Classes4 << 3;
            case Selector.C3: return c3;
            case Selector.Order3HashC0: return (int)((((c4 & 0xFFFFFF) * Hashing.Phi) >> 24) << 8);
            case Selector.WordPair: return (int)(SseContexts.WordPair(s.Text) >> 16);
            case Selector.C1C0: return c1 << 8;
            case Selector.Classes2C0: return (s.Text.Classes4 >> 6) << 8;
            default: throw new ArgumentOutOfRangeException(nameof(selector), selector, "a per-bit selector has no row");
        }
    }

    /// <summary>The weight set a <c>PerBit</c> selector (see <see cref="Form"/>) chooses for the coming bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PerBitContext(Selector selector, int c0, int bitPos, uint c4, CodingState s)
    {
        int c1 = (int)(c4 & 0xFF);
        switch (selector)
        {
            case Selector.MatchState: return s.Match!.Length > 0 ? s.Match.LengthBucket * 2 + s.Match.ExpectedBit : 0;
            case Selector.KnownBit: return s.Contexts!.Known * 8 + bitPos;
            case Selector.C1Uniform:
                int bits = c0 & ((1 << bitPos) - 1);
                int uniform = bits == 0 || bits == (1 << bitPos) - 1 ? 1 : 0;  // true at bit 0
                return c1 | ((bitPos > 5 ? 1 : 0) << 8) | (uniform << 9);
            case Selector.ExpectedByteBit: return (Expected(s) << 3) | bitPos;
            case Selector.KnownOrdersC0Match:
                Debug.Assert(s.Contexts!.KnownOrders < 16);
                return (s.Contexts.KnownOrders << 9) | (c0 << 1) | (s.Match!.Length > 0 ? 1 : 0);
            case Selector.C0Match: return c0 | (s.Match!.Length > 0 ? 256 : 0);
            case Selector.WordLengthC0Match: return (Math.Min(s.Text.WordLength, 7) << 8) | c0 | (s.Match!.Length > 0 ? 2048 : 0);
            case Selector.ExpectedByteC0: return (Expected(s) << 8) | c0;
            default: throw new UnreachableException();
        }
    }

    /// <summary>The match model's expected byte + 256, or 0 without a match (9 bits).</summary>
    private static int Expected(CodingState s)
    {
        int expected = s.Match!.ExpectedByte;
        return expected < 0 ? 0 : 256 | expected;
    }
}
