namespace CMix.Apm;

/// <summary>
/// What an SSE stage's context is; the predictor computes each role's context, the chain only
/// refines. Every context ends in the 8-bit
/// partial byte c0.
/// </summary>
public enum SseRole
{
    /// <summary>c1 × c0 (2^16 contexts).</summary>
    Order1,

    /// <summary>12 bits of hashed c2·c1 × c0 (2^20).</summary>
    Order2,

    /// <summary>14 bits of hashed c3·c2·c1 × c0 (2^22).</summary>
    Order3,

    /// <summary>The match model's length (≤ 15) and expected bit × c0, or c0 alone without a match (2^14).</summary>
    MatchState,

    /// <summary>14 bits of the hashed current and last word × c0 (2^22).</summary>
    WordPair,

    /// <summary>14 bits of the hashed classes of the last four bytes and c1 × c0 (2^22).</summary>
    Classes,

    /// <summary>14 bits of the hashed current word × c0 (2^22).</summary>
    Word,

    /// <summary>14 bits of the hashed last word and c1 × c0 (2^22).</summary>
    LastWord,
}
