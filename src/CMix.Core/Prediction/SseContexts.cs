using System.Diagnostics;
using System.Runtime.CompilerServices;
using CMix.Apm;
using CMix.Models;
using CMix.Numerics;

namespace CMix.Prediction;

/// <summary>Each <see cref="SseRole"/>'s context count and context (see the role's description).</summary>
internal static class SseContexts
{
    /// <summary>Contexts of <paramref name="role"/>.</summary>
    public static int Count(SseRole role) => role switch
    {
        SseRole.Order1 => 1 << 16,
        SseRole.Order2 => 1 << 20,
        SseRole.MatchState => 1 << 14,
        _ => 1 << 22,
    };

    /// <summary>Whether <paramref name="role"/>'s context depends only on the bytes and c0, so that it is known for the next bit before the byte boundary's updates.</summary>
    public static bool BytesOnly(SseRole role) => role is SseRole.Order1 or SseRole.Order2 or SseRole.Order3;

    /// <summary>
    /// The byte part of <paramref name="role"/>'s context after the bytes in <paramref name="c4"/>
    /// (c1 lowest), with the text state of <paramref name="s"/>: its low 8 bits are zero, and the
    /// context of partial byte c0 is the row | c0. Not for <see cref="SseRole.MatchState"/>,
    /// whose context changes within the byte (<see cref="Match"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]  // into the byte boundary's loop (Predictor.SetRows)
    public static int Row(SseRole role, uint c4, CodingState s)
    {
        Debug.Assert(role != SseRole.MatchState);
        uint c1 = c4 & 0xFF;
        switch (role)
        {
            case SseRole.Order1: return (int)(c1 << 8);
            case SseRole.Order2: return (int)((((c4 & 0xFFFF) * Hashing.Phi) >> 20) << 8);
            case SseRole.Order3: return (int)((((c4 & 0xFFFFFF) * Hashing.Phi) >> 18) << 8);
            case SseRole.WordPair: return Hashed(WordPair(s.Text));
            case SseRole.Classes: return Hashed((uint)(s.Text.Classes4 << 8) | c1);
            case SseRole.Word: return Hashed(s.Text.W0);
            default: return Hashed(Hashing.Combine(s.Text.W1, c1));  // SseRole.LastWord
        }
    }

    /// <summary>The <see cref="SseRole.MatchState"/> context for partial byte <paramref name="c0"/>, from the match model of <paramref name="s"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Match(int c0, CodingState s)
    {
        MatchModel m = s.Match!;
        int length = m.Length;
        return length == 0 ? c0 : c0 | (Math.Min(length, 15) << 8) | (m.ExpectedBit << 12) | 0x2000;
    }

    /// <summary>The current word hashed with the last one.</summary>
    public static uint WordPair(TextState t) => t.W0 ^ (t.W1 * 7);

    /// <summary>14 bits of <paramref name="key"/> hashed, above the partial byte's 8.</summary>
    private static int Hashed(uint key) => (int)((key * Hashing.Phi) >> 18 << 8);
}
