using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace CMix.Maps;

/// <summary>
/// Nonstationary bit-history states: one byte stands for a pair of bounded counts (n0, n1) of the
/// zeros and ones seen in a context, plus, for small totals, which bit came last. State 0 is
/// "nothing seen". On a bit y the count of y grows and the opposite count is discounted (large
/// opposing counts shrink fast), which lets a history adapt when the data changes.
/// </summary>
/// <remarks>
/// The table is generated at start-up by integer code (no floating point), numbered by
/// increasing total count so that a larger state number means a better-established context,
/// which the hash table uses as replacement priority. A checksum test pins the result.
/// Representable pairs (with n0 ≥ n1, and symmetric): n1 &lt; 6 and n0 ≤ Bound[n1]; pairs with
/// both counts non-zero and total ≤ 17 get two states (last bit 0 or 1).
/// </remarks>
public static class StateTable
{
    private static readonly int[] s_bound = [20, 48, 15, 8, 6, 5];
    private const int MaxCount = 50;

    // s_next[s * 2 + y]: the state after bit y; s_counts[s * 2 + k]: n0, n1.
    private static readonly byte[] s_next = new byte[512];
    private static readonly byte[] s_counts = new byte[512];

    /// <summary>Number of states in use (at most 256).</summary>
    public static int Count { get; }

    static StateTable()
    {
        var index = new int[MaxCount, MaxCount, 2];
        int state = 0;
        for (int total = 0; total < MaxCount; total++)
        {
            for (int n1 = 0; n1 <= total; n1++)
            {
                int n0 = total - n1;
                int n = StatesFor(n0, n1);
                if (n > 0)
                {
                    index[n0, n1, 0] = state;
                    index[n0, n1, 1] = state + n - 1;
                    state += n;
                }
            }
        }

        Debug.Assert(state <= 256);
        Count = state;
        for (int n0 = 0; n0 < MaxCount; n0++)
        {
            for (int n1 = 0; n1 < MaxCount; n1++)
            {
                for (int last = 0; last < StatesFor(n0, n1); last++)
                {
                    int s = index[n0, n1, last];
                    for (int y = 0; y < 2; y++)
                    {
                        (int a, int b) = Advance(n0, n1, y);
                        s_next[s * 2 + y] = (byte)index[a, b, y];
                    }

                    s_counts[s * 2] = (byte)n0;
                    s_counts[s * 2 + 1] = (byte)n1;
                }
            }
        }
    }

    /// <summary>How many states represent (n0, n1): 0 (not representable), 1 or 2.</summary>
    private static int StatesFor(int n0, int n1)
    {
        if (n0 < n1)
        {
            (n0, n1) = (n1, n0);
        }

        if (n1 < 0 || n1 >= s_bound.Length || n0 > s_bound[n1])
        {
            return 0;
        }

        return n1 > 0 && n0 + n1 <= 17 ? 2 : 1;
    }

    /// <summary>Discounts the count opposing a new bit: 0..4 stay, then 5..6→5, 7→6, 8+→7.</summary>
    private static int Discount(int n) => n <= 4 ? n : n <= 6 ? 5 : n == 7 ? 6 : 7;

    /// <summary>(n0, n1) after bit y, reduced until representable.</summary>
    private static (int N0, int N1) Advance(int n0, int n1, int y)
    {
        if (y == 1)
        {
            n1++;
            n0 = Discount(n0);
        }
        else
        {
            n0++;
            n1 = Discount(n1);
        }

        while (StatesFor(n0, n1) == 0)
        {
            // Shrink the larger count; once the smaller one is 2 or more, scale the larger by
            // (small - 1) / small and decrement the smaller, keeping their ratio.
            bool swap = n0 < n1;
            int big = swap ? n1 : n0;
            int small = swap ? n0 : n1;
            if (small < 2)
            {
                big--;
            }
            else
            {
                big = (big * (small - 1) + small / 2) / small;
                small--;
            }

            (n0, n1) = swap ? (small, big) : (big, small);
        }

        return (n0, n1);
    }

    /// <summary>The state after bit <paramref name="y"/> in state <paramref name="s"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Next(int s, int y) => s_next[s * 2 + y];

    /// <summary>Count of zeros represented by state s.</summary>
    public static int N0(int s) => s_counts[s * 2];

    /// <summary>Count of ones represented by state s.</summary>
    public static int N1(int s) => s_counts[s * 2 + 1];

    /// <summary>The transition table for checksum tests.</summary>
    internal static ReadOnlySpan<byte> NextTable => s_next;
}
