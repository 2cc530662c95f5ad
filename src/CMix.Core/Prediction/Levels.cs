using CMix.Apm;
using CMix.Models;

namespace CMix.Prediction;

/// <summary>
/// Every level, declared as data: its parts in mixer-input order, its weight-set selectors per
/// mixer layer and its SSE stages. The archive stores the level and the model version, so any
/// change to an existing level's line changes the format and bumps
/// <see cref="ModelSettings.ModelVersion"/>.
/// </summary>
/// <remarks>
/// Adding a kind of model: one file in Models (a <see cref="ModelPart"/> with its
/// <see cref="PartSpec"/>) and its spec in a level's parts below.
/// </remarks>
internal static class Levels
{
    private static readonly int[] Orders4 = [1, 2, 3, 4, 6];

    // Layer-1 selectors, strongest last: lower levels use a prefix.
    private static readonly Selector[] Layer1 =
    [
        Selector.C0, Selector.MatchState, Selector.Classes2Bit, Selector.WordLengthC0, Selector.C2C1,
        Selector.KnownBit, Selector.C2, Selector.Classes4Bit, Selector.C3, Selector.C1Uniform,
        Selector.Order3HashC0, Selector.WordPair, Selector.ExpectedByteBit, Selector.KnownOrdersC0Match,
    ];

    private static readonly Selector[] Layer2 =
    [
        Selector.C0Match, Selector.C1C0, Selector.Classes2C0, Selector.Classes4Bit, Selector.WordLengthC0Match,
        Selector.ExpectedByteC0,
    ];

    /// <summary>The description of <paramref name="level"/> (already range-checked).</summary>
    public static ModelSettings For(int level) => level switch
    {
        1 => new()
        {
            Level = 1, HistoryBits = 22,
            Parts = [new ContextModel.Spec(18, [2, 4]) { RunInputs = false }, new MatchModel.Spec(18, 6), Orders01],
            Selectors = Prefix(Layer1, 1), FinalSelectors = Prefix(Layer2, 1),
            Sse = new(SseBlend.Chain, []),
        },
        2 => Text(2, 21, 23, 20, Orders4, 3, [Sse(SseRole.Order1)], c => c),
        3 => Text(3, 21, 23, 20, Orders4, 5, Chain, c => c with { Sparse = true }),
        4 => Text(4, 24, 27, 25, Orders4, 7, Chain, c => c with { Sparse = true, Indirect = true }),
        5 => Text(5, 24, 27, 25, Orders4, 7, Chain, Markup),
        6 => Text(6, 24, 27, 25, [1, 2, 3, 4, 5, 6, 8], 7, Chain, Markup),
        7 => Text(7, 24, 27, 25, [1, 2, 3, 4, 5, 6, 7, 8, 12], 7, Chain, c => Markup(c) with { TextExtra = true }),
        8 => Text(8, 24, 27, 25, [1, 2, 3, 4, 5, 6, 7, 8, 12, 16], 7, Chain, c => Markup(c) with { TextExtra = true, SparseExtra = true }),
        _ => new()
        {
            Level = 9, HistoryBits = 28,
            Parts =
            [
                Markup(new ContextModel.Spec(25, [1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 24]) { Words = true })
                    with { TextExtra = true, SparseExtra = true, TextModel = true, LinearInputs = true, CountOrders = true },
                new MatchModel.Spec(24, 5, UpdateOnByte: true), new MatchModel.Spec(22, 32), new MatchModel.Spec(22, 12),
                Orders01, new DmcModel.Spec(22), new DirectModel.Spec([2], 1023),
            ],
            Selectors = Layer1, FinalSelectors = Layer2, MixerSetRates = true,
            Sse = new(SseBlend.LearnedAverage,
            [
                Sse(SseRole.Order1), Sse(SseRole.Order2) with { RefinesFirst = true, Weight = 2 },
                Sse(SseRole.Order3) with { Adaptive = true, Weight = 2 }, Sse(SseRole.MatchState) with { Adaptive = true },
                Sse(SseRole.WordPair) with { Adaptive = true, RefinesFirst = true }, Sse(SseRole.Classes) with { Adaptive = true },
                Sse(SseRole.Word) with { Adaptive = true }, Sse(SseRole.LastWord) with { Adaptive = true },
            ]),
        },
    };

    private static readonly DirectModel.Spec Orders01 = new([0, 1], 255);

    private static SseStage[] Chain => [Sse(SseRole.Order1), Sse(SseRole.Order2)];

    private static SseStage Sse(SseRole role) => new(role, SseContexts.Count(role));

    private static ContextModel.Spec Markup(ContextModel.Spec c) => c with { Sparse = true, Indirect = true, WordsExtra = true, Structure = true };

    /// <summary>The first <paramref name="count"/> selectors, copied.</summary>
    /// <remarks>
    /// Not <c>selectors[..count]</c>: an array range compiles to RuntimeHelpers.GetSubArray, whose
    /// array-type check brings reflection's type objects into the SFX stub.
    /// </remarks>
    private static Selector[] Prefix(Selector[] selectors, int count) => selectors.AsSpan(0, count).ToArray();

    /// <summary>Levels 2–8: the hashed contexts with words, one match model, direct orders 0 and 1, a prefix of the selectors, one final selector.</summary>
    private static ModelSettings Text(int level, int hashBits, int historyBits, int matchBits, int[] orders, int selectors, SseStage[] sse,
        Func<ContextModel.Spec, ContextModel.Spec> families) => new()
    {
        Level = level, HistoryBits = historyBits,
        Parts = [families(new ContextModel.Spec(hashBits, orders) { Words = true }), new MatchModel.Spec(matchBits, 6), Orders01],
        Selectors = Prefix(Layer1, selectors), FinalSelectors = Prefix(Layer2, 1),
        Sse = new(SseBlend.Chain, sse),
    };
}
