using System.Diagnostics;

namespace CMix.Prediction;

/// <summary>
/// Everything that shapes the model for one compression level. The container stores the level
/// and <see cref="ModelVersion"/>; a decoder rebuilds these settings from them, so changing any
/// value here for an existing level changes the format and must bump <see cref="ModelVersion"/>.
/// </summary>
public sealed record ModelSettings
{
    /// <summary>Version of the model wiring and of every table of settings below.</summary>
    public const int ModelVersion = 10;

    /// <summary>Lowest level.</summary>
    public const int MinLevel = 1;

    /// <summary>Highest level.</summary>
    public const int MaxLevel = 9;

    /// <summary>
    /// Level used when none is given: the lightest level within issue 4's default bar (at most
    /// 2,300,000 bytes on the twelve 1 MB dev prefixes at 0.25 MB/s or more, as a ratio to xz -9e).
    /// Level 2 was the default until model version 4.
    /// </summary>
    public const int DefaultLevel = 4;

    /// <summary>The level these settings describe.</summary>
    public required int Level { get; init; }

    /// <summary>log2 of the context hash table's bucket count (64-byte buckets).</summary>
    public required int HashBits { get; init; }

    /// <summary>log2 of the history buffer (match model reach).</summary>
    public required int HistoryBits { get; init; }

    /// <summary>log2 of the match model's position table.</summary>
    public required int MatchHashBits { get; init; }

    /// <summary>Bytes that must agree before the match model predicts.</summary>
    public required int MatchMinLength { get; init; }

    /// <summary>
    /// Minimum lengths of more match models beside the first, each with a position table a
    /// quarter of <see cref="MatchHashBits"/>'s size (level 9, model version 10: 32 and 12, with
    /// the first's minimum at 5 instead of 6). The first model keeps the recent match it found
    /// until it fails, even where a longer context has occurred before; a model that only
    /// starts at 32 bytes finds that one.
    /// </summary>
    public int[] ExtraMatchMinLengths { get; init; } = [];

    /// <summary>log2 of each extra match model's position table: a quarter of the first's.</summary>
    public int ExtraMatchHashBits => MatchHashBits - 2;

    /// <summary>Context orders hashed into the context map (1..N bytes of history).</summary>
    public required int[] Orders { get; init; }

    /// <summary>
    /// Whether the word contexts (current word with the last byte, bigram, trigram) are used.
    /// While <see cref="Models.BinaryDetector"/> calls the input binary, the same slots (and the
    /// <see cref="WordsExtra"/> ones) take alignment, nibble and sparse byte contexts instead.
    /// </summary>
    public required bool Words { get; init; }

    /// <summary>Whether sparse (skip) contexts are used.</summary>
    public required bool Sparse { get; init; }

    /// <summary>Whether the indirect contexts (what followed the last one and two bytes before) are used.</summary>
    public required bool Indirect { get; init; }

    /// <summary>Extra word contexts: skip-gram (word, word two back) and previous word with the last two bytes.</summary>
    public required bool WordsExtra { get; init; }

    /// <summary>Whether the markup structure contexts (XML tag state, MediaWiki link/template nesting, line start) are used.</summary>
    public required bool Structure { get; init; }

    /// <summary>
    /// Layer-1 mixer selectors in use, 1..14, the first N of: c0, match state, byte classes of c1
    /// and c2 × bit, word length × c0, the last two bytes (c2, c1), contexts known × bit, c2,
    /// classes of the last four bytes × bit, c3, c1 × late bit × uniform bits, hashed c3·c2·c1 × c0,
    /// the hashed last two words, the match model's expected byte × bit, order contexts known × c0 × match active.
    /// With one selector the mixer has a single layer.
    /// </summary>
    public int Selectors
    {
        get => _selectors;
        init => _selectors = value is >= 1 and <= 14 ? value : throw new ArgumentOutOfRangeException(nameof(Selectors), value, "1..14");
    }

    /// <summary>
    /// Layer-2 mixer selectors in use, 1..6, the first N of: c0 × match active, c1·c0, classes
    /// of c1 and c2 × c0, classes of the last four bytes × bit, word length × c0 × match active,
    /// the match model's expected byte × c0. With more than one, the mixer's output is the mean
    /// of theirs in the stretched domain. Level 9 uses 6 (model version 6); the others 1.
    /// </summary>
    public int FinalSelectors
    {
        get => _finalSelectors;
        init => _finalSelectors = value is >= 1 and <= 6 ? value : throw new ArgumentOutOfRangeException(nameof(FinalSelectors), value, "1..6");
    }

    /// <summary>
    /// Three more SSE stages after the chain (needs <see cref="SseChain"/>): a 14-bit hash of the
    /// last three bytes and a match-state context refine the mixer's output, a hash of the last
    /// two words refines the first stage's; all five are averaged (level 9, model version 6). From
    /// model version 7 these three are <see cref="Apm.AdaptiveApm"/>s, whose bins learn fast at first;
    /// model version 9 adds three more on the mixer's output (byte classes × c1, the current
    /// word, the last word × c1).
    /// </summary>
    public bool SseExtra { get; init; }

    /// <summary>
    /// Whether each hashed context also gives its probability on a linear scale, a fourth input
    /// (level 9, model version 7; see <see cref="Maps.ContextMap"/>).
    /// </summary>
    public bool LinearInputs { get; init; }

    /// <summary>
    /// Whether a direct (unhashed) adaptive map on the last two bytes × the partial byte adds an
    /// input: 2^24 entries, 64 MB (level 9, model version 7).
    /// </summary>
    public bool DirectOrder2 { get; init; }

    /// <summary>
    /// Whether the SSE stages' outputs are blended by a learned <see cref="Apm.SseMixer"/> that
    /// starts as their fixed-weight average (level 9, model version 10; needs <see cref="SseExtra"/>).
    /// </summary>
    public bool SseMixer { get; init; }

    /// <summary>
    /// Whether each mixer weight set's learning rate also follows its own update count, and the
    /// stream's rate settles lower (level 9, model version 8; see <see cref="Mixing.Mixer"/>).
    /// </summary>
    public bool MixerSetRates { get; init; }

    /// <summary>
    /// log2 of the node limit of the <see cref="Models.DmcModel"/> (2 inputs), 0 = none; 16 bytes
    /// a node (level 9: 22, 64 MB, model version 7).
    /// </summary>
    public int DmcNodeBits
    {
        get => _dmcNodeBits;
        init => _dmcNodeBits = value is 0 or (>= 10 and <= 26) ? value : throw new ArgumentOutOfRangeException(nameof(DmcNodeBits), value, "0 or 10..26");
    }

    /// <summary>
    /// Extra text contexts: the two previous words without the current one, the current word with
    /// the last punctuation byte, with its column, and with the innermost open bracket.
    /// </summary>
    public bool TextExtra { get; init; }

    /// <summary>
    /// Whether the paq8-style text model's contexts are used (gap tokens, byte-class strings,
    /// skip-grams, indirect words and tokens, numbers, lines, the match model's expected byte;
    /// see <see cref="Models.TextModel"/>). Level 9 only, from model version 5.
    /// </summary>
    public bool TextModel { get; init; }

    /// <summary>Extra sparse contexts: bytes (1, 3), (2, 3), 4, 5, (5, 6) and (2, 4) back.</summary>
    public bool SparseExtra { get; init; }

    /// <summary>Whether the SSE stage (an order-1 APM) refines the mixer output.</summary>
    public bool Sse { get; init; } = true;

    /// <summary>Whether a second SSE stage (12-bit hash of the last two bytes × partial byte) refines the first (needs <see cref="Sse"/>).</summary>
    public bool SseChain { get; init; }

    /// <summary>Whether each context also gives the run input (the byte last seen after it); else 2 inputs per context.</summary>
    public bool RunInputs { get; init; } = true;

    private readonly int _selectors = 5;
    private readonly int _finalSelectors = 1;
    private readonly int _dmcNodeBits;

    /// <summary>The settings for <paramref name="level"/> (1..9).</summary>
    public static ModelSettings ForLevel(int level)
    {
        if (level < MinLevel || level > MaxLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"level must be {MinLevel}..{MaxLevel}");
        }

        return level switch
        {
            1 => new() { Level = 1, HashBits = 18, HistoryBits = 22, MatchHashBits = 18, MatchMinLength = 6, Orders = [2, 4], Words = false, Sparse = false, Indirect = false, WordsExtra = false, Structure = false, Selectors = 1, RunInputs = false, Sse = false },
            2 => new() { Level = 2, HashBits = 21, HistoryBits = 23, MatchHashBits = 20, MatchMinLength = 6, Orders = [1, 2, 3, 4, 6], Words = true, Sparse = false, Indirect = false, WordsExtra = false, Structure = false, Selectors = 3 },
            3 => new() { Level = 3, HashBits = 21, HistoryBits = 23, MatchHashBits = 20, MatchMinLength = 6, Orders = [1, 2, 3, 4, 6], Words = true, Sparse = true, Indirect = false, WordsExtra = false, Structure = false, Selectors = 5, SseChain = true },
            4 => new() { Level = 4, HashBits = 21, HistoryBits = 23, MatchHashBits = 20, MatchMinLength = 6, Orders = [1, 2, 3, 4, 6], Words = true, Sparse = true, Indirect = true, WordsExtra = false, Structure = false, Selectors = 7, SseChain = true },
            5 => new() { Level = 5, HashBits = 22, HistoryBits = 24, MatchHashBits = 21, MatchMinLength = 6, Orders = [1, 2, 3, 4, 6], Words = true, Sparse = true, Indirect = true, WordsExtra = true, Structure = true, Selectors = 7, SseChain = true },
            6 => new() { Level = 6, HashBits = 23, HistoryBits = 25, MatchHashBits = 22, MatchMinLength = 6, Orders = [1, 2, 3, 4, 5, 6, 8], Words = true, Sparse = true, Indirect = true, WordsExtra = true, Structure = true, Selectors = 7, SseChain = true },
            7 => new() { Level = 7, HashBits = 23, HistoryBits = 26, MatchHashBits = 22, MatchMinLength = 6, Orders = [1, 2, 3, 4, 5, 6, 7, 8, 12], Words = true, Sparse = true, Indirect = true, WordsExtra = true, Structure = true, Selectors = 7, TextExtra = true, SseChain = true },
            8 => new() { Level = 8, HashBits = 24, HistoryBits = 27, MatchHashBits = 23, MatchMinLength = 6, Orders = [1, 2, 3, 4, 5, 6, 7, 8, 12, 16], Words = true, Sparse = true, Indirect = true, WordsExtra = true, Structure = true, Selectors = 7, TextExtra = true, SparseExtra = true, SseChain = true },
            _ => new() { Level = 9, HashBits = 25, HistoryBits = 28, MatchHashBits = 24, MatchMinLength = 5, ExtraMatchMinLengths = [32, 12], Orders = [1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 24], Words = true, Sparse = true, Indirect = true, WordsExtra = true, Structure = true, Selectors = 14, FinalSelectors = 6, TextExtra = true, SparseExtra = true, SseChain = true, SseExtra = true, TextModel = true, LinearInputs = true, DirectOrder2 = true, DmcNodeBits = 22, MixerSetRates = true, SseMixer = true },
        };
    }

    /// <summary>
    /// What <c>ToString</c> prints between the braces: the level and the context count only. The
    /// synthesized member list cost the self-extracting stub a kilobyte of code it never runs.
    /// </summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Level = ").Append(Level).Append(", ContextCount = ").Append(ContextCount);
        return true;
    }

    /// <summary>Number of hashed contexts these settings use.</summary>
    public int ContextCount => Orders.Length + (Words ? (WordsExtra ? 5 : 3) : 0) + (Sparse ? 4 : 0) + (SparseExtra ? 6 : 0) + (Indirect ? 2 : 0) + (Structure ? 2 : 0) + (TextExtra ? 4 : 0) + (TextModel ? Models.TextModel.Contexts : 0);

    /// <summary>Estimated memory of one predictor in bytes (tables and mixer weights; a few MB of slack added).</summary>
    public long EstimatedBytes
    {
        get
        {
            long bytes = (64L << HashBits) + (17L << 20) + (1L << HistoryBits) + (4L << MatchHashBits) + ExtraMatchMinLengths.Length * (4L << ExtraMatchHashBits) + (8L << 20)
                + Mixing.Mixer.WeightBytes(Predictor.MixerInputs(this), Predictor.MixerSelectorSets(this), Predictor.FinalSelectorSets(this), MixerSetRates)
                + (SseChain ? Apm.Apm.Bytes(Predictor.Order2SseContexts) : 0)
                + (SseExtra ? Apm.AdaptiveApm.Bytes(Predictor.Order3SseContexts + Predictor.MatchSseContexts + Predictor.WordSseContexts + 3 * Predictor.HashedSseContexts) : 0)
                + (DirectOrder2 ? 4L << 24 : 0) + (DmcNodeBits > 0 ? 16L << DmcNodeBits : 0);
            Debug.Assert(bytes > 0);
            return bytes;
        }
    }
}
