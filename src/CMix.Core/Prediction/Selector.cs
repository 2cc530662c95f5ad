namespace CMix.Prediction;

/// <summary>
/// A context that chooses a mixer weight set, in layer 1 or layer 2 (final). A level lists its
/// selectors per layer (see <see cref="Levels"/>); <see cref="Selectors"/> gives each one's
/// weight-set count and its context, for <see cref="Predictor.P"/>, prefetching and memory
/// estimation alike. c0 is the partial byte with its leading 1, c1..c3 the last bytes, "match"
/// the primary match model, "classes" <see cref="Models.ByteClass"/> values.
/// </summary>
public enum Selector
{
    /// <summary>c0 (256 sets).</summary>
    C0,

    /// <summary>The match state: length bucket × expected bit, 0 without a match (32).</summary>
    MatchState,

    /// <summary>Classes of c1 and c2 × bit position (512).</summary>
    Classes2Bit,

    /// <summary>Word length (≤ 7) × c0 (2,048).</summary>
    WordLengthC0,

    /// <summary>The last two bytes, c2·c1 (65,536).</summary>
    C2C1,

    /// <summary>Contexts with a history × bit position ((contexts + 1) × 8).</summary>
    KnownBit,

    /// <summary>c2 (256).</summary>
    C2,

    /// <summary>Classes of the last four bytes × bit position (32,768).</summary>
    Classes4Bit,

    /// <summary>c3 (256).</summary>
    C3,

    /// <summary>c1 × whether the bit position is past 5 × whether the bits so far are all equal (1,024).</summary>
    C1Uniform,

    /// <summary>8 bits of hashed c3·c2·c1 × c0 (65,536).</summary>
    Order3HashC0,

    /// <summary>16 bits of the hashed current and last word (65,536).</summary>
    WordPair,

    /// <summary>The match model's expected byte (or none) × bit position (4,096).</summary>
    ExpectedByteBit,

    /// <summary>Order contexts with a history (≤ 15) × c0 × match active (8,192).</summary>
    KnownOrdersC0Match,

    /// <summary>c0 × match active (512).</summary>
    C0Match,

    /// <summary>c1·c0 (65,536).</summary>
    C1C0,

    /// <summary>Classes of c1 and c2 × c0 (16,384).</summary>
    Classes2C0,

    /// <summary>Word length (≤ 7) × c0 × match active (4,096).</summary>
    WordLengthC0Match,

    /// <summary>The match model's expected byte (or none) × c0 (131,072).</summary>
    ExpectedByteC0,
}
