using System.Diagnostics;
using System.Numerics;
using CMix.Models;

namespace CMix.Prediction;

/// <summary>
/// How big a level's tables are for an input of known length: each big table is the smallest
/// power of two that gives the input a fixed room per byte, but never more than the level
/// declares (its cap, which is also what an input of unknown length gets). The archive header
/// stores the input class (<see cref="ModelSettings.InputBits"/>), so the decoder builds the same
/// tables; the rules below are therefore part of the model, and changing one bumps
/// <see cref="ModelSettings.ModelVersion"/>.
/// </summary>
/// <remarks>
/// The rules, for a block of at most 2^b bytes (b = <see cref="ModelSettings.InputBits"/>):
/// <list type="bullet">
/// <item>Context hash table: 2^(b + ⌈log2 contexts⌉ − 2) buckets, at least 2^20 (64 MB): a bucket
/// (three slots) per four contexts a byte. A byte stores at most two slots per context (one a
/// nibble), but in a long input most contexts repeat, so the slots in use grow far slower than
/// the input: at level 4, 1 MB of text gains 0.05 % from a 512 MB table over 128 MB, 20 MB gains
/// 1.5 % from 1 GB. A short input's contexts are mostly new, and its buckets overflow long
/// before the table is full on average (buckets are chosen by hash): the floor is for those.
/// Measured against the level's full table on the 32 KiB golden text at level 1 and the 16 KiB
/// golden binary at level 6: 2^(b + ⌈log2 contexts⌉) buckets cost 1.0 % and 0.4 %, four times
/// that 0.0 %; 2^20 is at least that for every input up to 16 KiB at every level.</item>
/// <item>History: 2^b bytes, at least 2^16: the whole block, so nothing a model reads back is
/// ever overwritten (a larger buffer holds only zeros past the block, which it reads as zeros
/// anyway).</item>
/// <item>Match models' position tables: 2^(b + 2) entries, at least 2^12: four per byte, so a
/// context's last position is rarely overwritten by another context's.</item>
/// <item>DMC: 2^(b + 4) nodes, at least 2^12: a bit clones at most one state, so a block of 2^b
/// bytes never fills the pool (255 + 8 × 2^b ≤ 16 × 2^b) and DMC predicts exactly as with its cap.</item>
/// </list>
/// The direct order-2 map (2^24 entries, an unhashed context), the mixer's weight sets and the
/// SSE stages are indexed by their contexts, not by a hash of them, so their size is fixed by the
/// level; their memory is reached page by page (see <see cref="Memory.LargeTable"/>), so a short
/// input pays only for what it touches.
/// </remarks>
internal static class TableSizes
{
    /// <summary>The smallest input class: inputs up to 1 KiB share the tables of a 1 KiB one.</summary>
    public const int MinInputBits = 10;

    /// <summary>The largest input class (1 TiB), past any block the container allows.</summary>
    public const int MaxInputBits = 40;

    /// <summary>
    /// The input class of a block of at most <paramref name="blockLength"/> bytes: ⌈log2⌉ of it, in
    /// [<see cref="MinInputBits"/>, <see cref="MaxInputBits"/>]; 0 (the level's full tables) when
    /// the length is unknown.
    /// </summary>
    public static int InputBitsFor(long? blockLength)
    {
        if (blockLength is not long n)
        {
            return 0;
        }

        Debug.Assert(n >= 0);
        int bits = n <= 1 ? 0 : 64 - BitOperations.LeadingZeroCount((ulong)(n - 1));
        return Math.Clamp(bits, MinInputBits, MaxInputBits);
    }

    /// <summary>Whether <paramref name="inputBits"/> is a class a header may carry (0 or in range).</summary>
    public static bool IsValid(int inputBits) => inputBits == 0 || (inputBits >= MinInputBits && inputBits <= MaxInputBits);

    /// <summary>log2 of the context hash table's buckets for <paramref name="contexts"/> contexts.</summary>
    public static int HashBits(int inputBits, int contexts, int cap) =>
        Rule(inputBits + CeilLog2(contexts) - 2, 20, cap);

    /// <summary>log2 of the history buffer.</summary>
    public static int HistoryBits(int inputBits, int cap) => Rule(inputBits, 16, cap);

    /// <summary>log2 of a match model's position table.</summary>
    public static int MatchBits(int inputBits, int cap) => Rule(inputBits + 2, 12, cap);

    /// <summary>log2 of DMC's node limit.</summary>
    public static int DmcBits(int inputBits, int cap) => Rule(inputBits + 4, 12, cap);

    /// <summary><paramref name="settings"/> (a level's full tables) with every table sized for the input class.</summary>
    public static ModelSettings Apply(ModelSettings settings, int inputBits)
    {
        Debug.Assert(IsValid(inputBits) && settings.InputBits == 0);
        if (inputBits == 0)
        {
            return settings;
        }

        // A plain loop, not LINQ: this runs when the SFX stub decodes, and System.Linq would add
        // about 29 KB to the stub (.ci/steps/40-aot-sfx.sh bounds its size).
        int contexts = settings.ContextCount;
        var parts = new PartSpec[settings.Parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            PartSpec p = settings.Parts[i];
            parts[i] = p switch
            {
                ContextModel.Spec c => c with { HashBits = HashBits(inputBits, contexts, c.HashBits) },
                MatchModel.Spec m => m with { HashBits = MatchBits(inputBits, m.HashBits) },
                DmcModel.Spec d => d with { NodeBits = DmcBits(inputBits, d.NodeBits) },
                _ => p,
            };
        }

        return settings with
        {
            InputBits = inputBits,
            HistoryBits = HistoryBits(inputBits, settings.HistoryBits),
            Parts = parts,
        };
    }

    /// <summary>The wanted log2, at least <paramref name="floor"/>, but never past the level's <paramref name="cap"/>.</summary>
    private static int Rule(int wanted, int floor, int cap) => Math.Min(cap, Math.Max(floor, wanted));

    private static int CeilLog2(int n) => n <= 1 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)(n - 1));
}
