using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace CMix.Maps;

/// <summary>
/// Maps a context (usually a bit-history state) to an adaptive probability that the next bit
/// is 1. Each entry is 32 bits: a 22-bit probability above a 10-bit count; the update step is
/// 1/(count + 1.5), so early observations move the estimate fast and later ones average.
/// </summary>
/// <remarks>
/// Call order: <see cref="P"/> selects the context and returns a 12-bit probability, then
/// <see cref="Update"/> with the coded bit. Memory: 4 bytes × contexts.
/// </remarks>
public sealed class StateMap
{
    /// <summary>Reciprocal table: s_dt[n] = 2^14 / (n + 1.5) × 2 / 2, in integer arithmetic.</summary>
    internal static readonly int[] Reciprocals = BuildReciprocals();

    private readonly uint[] _t;
    private readonly int _limit;
    private int _cx;

    /// <summary>Creates a map of <paramref name="contexts"/> entries, each starting at p = 1/2.</summary>
    /// <param name="contexts">number of contexts</param>
    /// <param name="limit">count limit in [1, 1023]: higher adapts slower but averages better</param>
    public StateMap(int contexts, int limit = 1023)
    {
        Debug.Assert(limit > 0 && limit < 1024);
        _t = new uint[contexts];
        _limit = limit;
        Array.Fill(_t, 1u << 31);
    }

    private StateMap(StateMap source)
    {
        _t = (uint[])source._t.Clone();
        _limit = source._limit;
        _cx = source._cx;
    }

    /// <summary>
    /// Sets every entry's count back to 0, its start, keeping its probability: the map goes on from
    /// what it learned at a fresh map's rates (1/1.5, 1/2.5, …), not at the slow rate its counts had
    /// reached (the NCD's conditional costs; see <c>Predictor.RestartRates</c>).
    /// </summary>
    internal void RestartCounts()
    {
        for (int i = 0; i < _t.Length; i++)
        {
            _t[i] = WithCount(_t[i], 0);
        }
    }

    /// <summary><paramref name="t"/>, an entry as <see cref="Train"/> keeps it, with its count at most <paramref name="count"/>.</summary>
    internal static uint WithCount(uint t, int count) => (t & 1023) > (uint)count ? (t & ~1023u) | (uint)count : t;

    /// <summary>A copy of this map, entries and selected context (<c>Predictor.Clone</c>).</summary>
    internal StateMap Clone() => new(this);

    /// <summary>Creates a map over bit-history states, each starting at (n1 + 1) / (n0 + n1 + 2).</summary>
    public static StateMap ForStates(int limit = 1023)
    {
        var map = new StateMap(256, limit);
        for (int s = 0; s < 256; s++)
        {
            int n0 = StateTable.N0(s), n1 = StateTable.N1(s);
            map._t[s] = (uint)(((n1 * 2 + 1) << 16) / (n0 + n1 + 1)) << 15 & 0xFFFFFC00u;
        }

        return map;
    }

    private static int[] BuildReciprocals()
    {
        var dt = new int[1024];
        for (int i = 0; i < dt.Length; i++)
        {
            dt[i] = 16384 / (i + i + 3);
        }

        return dt;
    }

    /// <summary>Selects context <paramref name="cx"/> and returns its 12-bit probability of a 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int P(int cx)
    {
        Debug.Assert((uint)cx < (uint)_t.Length);
        _cx = cx;
        return (int)(_t[cx] >> 20);
    }

    /// <summary>Trains the selected context toward bit <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(int y)
    {
        ref uint t = ref _t[_cx];
        Train(ref t, y, _limit);
    }

    /// <summary>The shared update rule, also used by maps that keep their own entries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Train(ref uint t, int y, int limit)
    {
        int n = (int)(t & 1023);
        int p = (int)(t >> 10);
        if (n < limit)
        {
            t++;
        }
        else
        {
            t = (t & 0xFFFFFC00u) | (uint)limit;
        }

        // ((y << 22) - p) >> 3 is within ±2^19; times Reciprocals[n] ≤ 5461 it fits a long.
        long delta = (long)((((y << 22) - p) >> 3) * (long)Reciprocals[n]) & ~1023L;
        t = (uint)(t + delta);
    }
}
