using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CMix.Maps;
using CMix.Memory;
using CMix.Numerics;

namespace CMix.Apm;

/// <summary>
/// An <see cref="Apm"/> whose bins learn at a rate that falls with their own use, as a
/// <see cref="StateMap"/>'s entries do: a bin's k-th update moves it by about 1 / (k + 1.5)
/// of its error, down to 1 / (limit + 1.5). Made for stages with millions of contexts, most of
/// them met a few times, where a fixed slow rate (1/128) would leave them near the identity.
/// </summary>
/// <remarks>
/// Bins start at the identity map with a count of <see cref="StartCount"/>, so the first
/// updates trust the input about as much as a bin seen that often. Both bins around the input
/// learn, as in <see cref="Apm"/>. Call order:
/// <see cref="Refine"/>, then <see cref="Update"/>. Probabilities are 12-bit in and out; a bin
/// is a 32-bit StateMap entry (22-bit probability, 10-bit count). Memory: 132 bytes × contexts,
/// native (<see cref="LargeTable"/>, huge pages where possible) and freed by <see cref="Dispose"/>
/// (or the block's finaliser): level 9 holds six of these, 2.8 GB, which must not wait for the GC.
/// </remarks>
public sealed unsafe class AdaptiveApm : IDisposable
{
    /// <summary>The count every bin starts with.</summary>
    public const int StartCount = 8;

    private const int Limit = 1023;

    private readonly int _length;  // bins: contexts × 33
    private readonly NativeBlock _block;
    private uint* _t;  // _block's bins, as differences from _start (see the constructor)
    private readonly uint* _start = Start;  // each bin's starting entry, by position in its row (shared, never freed)
    private int _index;   // left bin of the last Refine
    private int _bin;     // its position in the row (0..31)

    /// <param name="contexts">number of contexts</param>
    public AdaptiveApm(int contexts)
    {
        Debug.Assert(contexts > 0 && contexts <= int.MaxValue / 33);
        _length = contexts * 33;
        // As in Apm: entries are stored as their difference from the starting entry (mod 2^32),
        // so the zeroed table is every row at its start and untouched rows cost nothing.
        _block = LargeTable.Alloc((nuint)Bytes(contexts));
        _t = (uint*)_block.Pointer;
    }

    private AdaptiveApm(AdaptiveApm source)
    {
        _length = source._length;
        _block = LargeTable.Copy(source._block);
        _t = (uint*)_block.Pointer;
        _index = source._index;
        _bin = source._bin;
    }

    /// <summary>
    /// Sets every bin's count above <see cref="StartCount"/> back to it, keeping its probability
    /// (as <see cref="Maps.StateMap.RestartCounts"/>); untouched rows are neither read as changed
    /// nor written.
    /// </summary>
    internal void RestartCounts()
    {
        for (int i = 0; i < _length; i++)
        {
            if (_t[i] != 0)
            {
                uint start = _start[i % 33];
                _t[i] = Maps.StateMap.WithCount(_t[i] + start, StartCount) - start;
            }
        }
    }

    /// <summary>A copy of this stage, bins and last context, in its own memory (<c>Predictor.Clone</c>).</summary>
    internal AdaptiveApm Clone() => new(this);

    /// <summary>The 33 starting entries of a row: the identity map at <see cref="StartCount"/>.</summary>
    private static readonly uint* Start = MakeStart();

    private static uint* MakeStart()
    {
        var start = (uint*)NativeMemory.Alloc(33, sizeof(uint));
        for (int j = 0; j < 33; j++)
        {
            start[j] = ((uint)(Squash.P((j - 16) * 128) * 16) << 16) | StartCount;
        }

        return start;
    }

    /// <summary>Bytes an adaptive APM of <paramref name="contexts"/> contexts allocates.</summary>
    public static long Bytes(int contexts) => contexts * 33L * sizeof(uint);

    /// <summary>Starts loading context <paramref name="cx"/>'s bins (see <see cref="Apm.Prefetch"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(int cx)
    {
        Debug.Assert(cx >= 0 && cx * 33 < _length);
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            // 132 bytes: three cache lines at most.
            uint* row = _t + cx * 33;
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(row);
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(row + 16);
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(row + 32);
        }
    }

    /// <summary>Refines 12-bit probability <paramref name="pr"/> in context <paramref name="cx"/>; returns a 12-bit probability in [1, 4095].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Refine(int pr, int cx) => Math.Clamp(Refine16(pr, cx) >> 4, 1, 4095);

    /// <summary>As <see cref="Refine"/> without the rounding to 12 bits: a probability × 65536 in [0, 65535].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Refine16(int pr, int cx)
    {
        Debug.Assert(cx >= 0 && cx * 33 < _length);
        int bin = Apm.Bin(pr, out int w);
        int i = cx * 33 + bin;
        _index = i;
        _bin = bin;
        uint a = _t[i] + _start[bin], b = _t[i + 1] + _start[bin + 1];
        return (int)(((a >> 16) * (uint)(128 - w) + (b >> 16) * (uint)w) >> 7);
    }

    /// <summary>Trains the two bins of the last <see cref="Refine"/> toward bit <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(int y)
    {
        uint sa = _start[_bin], sb = _start[_bin + 1];
        uint a = _t[_index] + sa, b = _t[_index + 1] + sb;
        StateMap.Train(ref a, y, Limit);
        StateMap.Train(ref b, y, Limit);
        _t[_index] = a - sa;
        _t[_index + 1] = b - sb;
    }

    /// <summary>Frees the bins; the map must not be used after.</summary>
    public void Dispose()
    {
        _t = null;
        _block.Dispose();
    }
}
