using System.Diagnostics;
using CMix.Apm;
using CMix.Mixing;
using CMix.Models;

namespace CMix.Prediction;

/// <summary>
/// What one compression level is: its parts (in mixer-input order), its mixer selectors per
/// layer, its SSE stages. Levels are declared in <see cref="Levels"/>; the container stores the
/// level and <see cref="ModelVersion"/>, and a decoder rebuilds these settings from them, so
/// changing what a level declares changes the format and must bump <see cref="ModelVersion"/>.
/// </summary>
public sealed record ModelSettings
{
    /// <summary>Version of the model wiring and of every level's declaration.</summary>
    public const int ModelVersion = 11;

    /// <summary>Lowest level.</summary>
    public const int MinLevel = 1;

    /// <summary>Highest level.</summary>
    public const int MaxLevel = 9;

    /// <summary>
    /// Level used when none is given: the lightest level within the default bar (at most
    /// 2,300,000 bytes on the twelve 1 MB dev prefixes at 0.25 MB/s or more, as a ratio to xz -9e).
    /// </summary>
    public const int DefaultLevel = 4;


    /// <summary>The level these settings describe.</summary>
    public required int Level { get; init; }

    /// <summary>log2 of the history buffer (how far back match models and sparse contexts reach).</summary>
    public required int HistoryBits { get; init; }

    /// <summary>The parts, in the order their inputs reach the mixer (the bias input follows them).</summary>
    public required PartSpec[] Parts { get; init; }

    /// <summary>Layer-1 selectors, in order (one selector: the mixer has a single layer).</summary>
    public required Selector[] Selectors { get; init; }

    /// <summary>Layer-2 (final) selectors; with more than one, the mixer's output is the mean of theirs in the stretched domain.</summary>
    public required Selector[] FinalSelectors { get; init; }

    /// <summary>The SSE stages and their blend.</summary>
    public required SseSpec Sse { get; init; }

    /// <summary>Whether each mixer weight set's learning rate also follows its own update count (see <see cref="Mixer"/>).</summary>
    public bool MixerSetRates { get; init; }

    /// <summary>
    /// The input class the tables are sized for: blocks of at most 2^InputBits bytes
    /// (<see cref="MinInputBits"/>..<see cref="MaxInputBits"/>), or 0 for the level's full tables
    /// (an input of unknown length). Stored in the archive header; see <see cref="TableSizes"/>.
    /// </summary>
    public int InputBits { get; init; }

    /// <summary>The smallest input class other than 0 (inputs up to 1 KiB).</summary>
    public const int MinInputBits = TableSizes.MinInputBits;

    /// <summary>The largest input class.</summary>
    public const int MaxInputBits = TableSizes.MaxInputBits;

    /// <summary>The settings for <paramref name="level"/> (1..9), with the level's full tables (the caps).</summary>
    public static ModelSettings ForLevel(int level) => ForLevel(level, 0);

    /// <summary>
    /// The settings for <paramref name="level"/> (1..9) with tables sized for the input class
    /// <paramref name="inputBits"/> (0: the level's full tables; see <see cref="InputBitsFor"/>).
    /// </summary>
    public static ModelSettings ForLevel(int level, int inputBits)
    {
        if (level < MinLevel || level > MaxLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"level must be {MinLevel}..{MaxLevel}");
        }

        if (!TableSizes.IsValid(inputBits))
        {
            throw new ArgumentOutOfRangeException(nameof(inputBits), inputBits, $"the input class must be 0 or {MinInputBits}..{MaxInputBits}");
        }

        return TableSizes.Apply(Levels.For(level), inputBits);
    }

    /// <summary>
    /// The input class for blocks of at most <paramref name="blockLength"/> bytes: ⌈log2⌉ of it,
    /// at least <see cref="MinInputBits"/>; 0 when the length is unknown.
    /// </summary>
    public static int InputBitsFor(long? blockLength) => TableSizes.InputBitsFor(blockLength);

    /// <summary>The first context model's spec, or null.</summary>
    internal ContextModel.Spec? Contexts => First<ContextModel.Spec>();

    /// <summary>The first match model's spec, or null.</summary>
    internal MatchModel.Spec? Match => First<MatchModel.Spec>();

    /// <summary>Hashed contexts of the first context model (0 without one).</summary>
    public int ContextCount => Contexts?.Count ?? 0;

    /// <summary>Mixer inputs per bit: every part's, then the bias.</summary>
    public int MixerInputs
    {
        get
        {
            int inputs = 1;
            foreach (PartSpec p in Parts)
            {
                inputs += p.Inputs;
            }

            return inputs;
        }
    }

    /// <summary>Weight sets of each layer-1 selector.</summary>
    public int[] SelectorSets => Sets(Selectors);

    /// <summary>Weight sets of each layer-2 selector.</summary>
    public int[] FinalSelectorSets => Sets(FinalSelectors);

    private int[] Sets(Selector[] selectors)
    {
        var sets = new int[selectors.Length];
        for (int i = 0; i < sets.Length; i++)
        {
            sets[i] = Prediction.Selectors.Sets(selectors[i], ContextCount);
        }

        return sets;
    }

    private T? First<T>()
        where T : PartSpec
    {
        foreach (PartSpec p in Parts)
        {
            if (p is T t)
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>The mixer's bias input: a constant, after every part's inputs.</summary>
    internal const int BiasInput = 256;

    /// <summary>Estimated memory of one predictor in bytes: history, parts, mixer weights, SSE bins, and 25 MB of smaller tables.</summary>
    public long EstimatedBytes
    {
        get
        {
            long bytes = (1L << HistoryBits) + (25L << 20);
            foreach (PartSpec p in Parts)
            {
                bytes += p.Bytes;
            }

            bytes += Mixer.WeightBytes(MixerInputs, SelectorSets, FinalSelectorSets, MixerSetRates) + Sse.Bytes;
            Debug.Assert(bytes > 0);
            return bytes;
        }
    }

    /// <summary>
    /// These settings with smaller tables: the first context model's hash table at
    /// 2^<paramref name="hashBits"/> buckets, the history at 2^<paramref name="historyBits"/>, the
    /// first match model's table at 2^<paramref name="matchHashBits"/> entries and the others' at
    /// a quarter of that (tests that need many predictors).
    /// </summary>
    internal ModelSettings WithTables(int hashBits, int historyBits, int matchHashBits)
    {
        bool firstMatch = true;
        PartSpec Resize(PartSpec p)
        {
            switch (p)
            {
                case ContextModel.Spec c:
                    return c with { HashBits = hashBits };
                case MatchModel.Spec m:
                    int bits = firstMatch ? matchHashBits : matchHashBits - 2;
                    firstMatch = false;
                    return m with { HashBits = bits };
                default:
                    return p;
            }
        }

        return this with { HistoryBits = historyBits, Parts = [.. Parts.Select(Resize)] };
    }

    /// <summary>Throws when the parts, selectors and stages do not fit together (a level table error).</summary>
    internal void Validate()
    {
        MatchModel.Spec? match = Match;
        ContextModel.Spec? contexts = Contexts;
        Check(Selectors.Length > 0 && FinalSelectors.Length > 0, "every mixer layer needs a selector");
        foreach (Selector[] layer in (Selector[][])[Selectors, FinalSelectors])
        {
            foreach (Selector s in layer)
            {
                Check(match is not null || s is not (Selector.MatchState or Selector.ExpectedByteBit or Selector.KnownOrdersC0Match
                    or Selector.C0Match or Selector.WordLengthC0Match or Selector.ExpectedByteC0), "a selector reads a match model the level lacks");
                Check(contexts is not null || s is not (Selector.KnownBit or Selector.KnownOrdersC0Match), "a selector reads a context model the level lacks");
                Check(s != Selector.KnownOrdersC0Match || (contexts!.CountOrders && contexts.Orders.Length < 16),
                    "the known-orders selector needs a context model that counts at most 15 orders");
            }
        }

        foreach (SseStage stage in Sse.Stages)
        {
            Check(match is not null || stage.Role != SseRole.MatchState, "an SSE stage reads a match model the level lacks");
        }

        Check(contexts is null || !contexts.TextModel || match?.UpdateOnByte == true,
            "the text model hashes the coming byte's match prediction: the first match model must update on the byte");
    }

    private void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"level {Level} is malformed: {what}");
        }
    }

    /// <summary>What <c>ToString</c> prints between the braces: the level and the context count only (the stub pays for every synthesized member).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Level = ").Append(Level).Append(", InputBits = ").Append(InputBits).Append(", ContextCount = ").Append(ContextCount);
        return true;
    }
}
