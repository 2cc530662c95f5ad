using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CMix.Maps;
using CMix.Memory;
using CMix.Numerics;

namespace CMix.Apm;

/// <summary>
/// Adaptive probability map (secondary symbol estimation): refines a probability given a small
/// context. Each context owns 33 bins over the stretched domain (one per 128 units of
/// stretch(p)); the output interpolates the two bins around the input, and the update moves
/// both toward the coded bit at a fixed rate (see <see cref="AdaptiveApm"/> for count-based rates).
/// </summary>
/// <remarks>
/// Call order: <see cref="Refine"/> (or <see cref="Refine16"/>) before the bit, <see cref="Update"/>
/// after. Probabilities are 12-bit in and out (<see cref="Refine16"/>: 16-bit out); bins hold
/// 16-bit probabilities. Memory: 66 bytes × contexts, from <see cref="LargeTable"/> (the order-2
/// stage's 69 MB on huge pages: on 4 KB pages nearly every row's first touch also missed the TLB).
/// </remarks>
public sealed unsafe class Apm : IDisposable
{
    private readonly int _length;  // bins: contexts × 33
    private readonly NativeBlock _block;
    private ushort* _t;  // _block's bins
    private readonly int _rate;
    private readonly ushort* _start = Start;  // each bin's starting value, by position in its row (shared, never freed)
    private int _index;   // left bin of the last Refine
    private int _bin;     // its position in the row (0..31)

    /// <param name="contexts">number of contexts</param>
    /// <param name="rate">update shift in [4, 9]: larger adapts slower</param>
    public Apm(int contexts, int rate = 7)
    {
        Debug.Assert(rate >= 4 && rate <= 9);
        _rate = rate;
        Debug.Assert(contexts > 0 && contexts <= int.MaxValue / 33);
        _length = contexts * 33;
        // Bins are stored as their difference from the starting value (mod 2^16), so the zeroed
        // table is every row at its start: no row is written before it is used, and a table of
        // millions of rows costs only the pages an input reaches.
        _block = LargeTable.Alloc((nuint)Bytes(contexts));
        _t = (ushort*)_block.Pointer;
    }

    private Apm(Apm source)
    {
        _length = source._length;
        _block = LargeTable.Copy(source._block);
        _t = (ushort*)_block.Pointer;
        _rate = source._rate;
        _index = source._index;
        _bin = source._bin;
    }

    /// <summary>A copy of this stage, bins and last context, in its own memory (<c>Predictor.Clone</c>).</summary>
    internal Apm Clone() => new(this);

    /// <summary>The 33 starting values of a row: the identity map, squash of each bin's stretch point.</summary>
    private static readonly ushort* Start = MakeStart();

    private static ushort* MakeStart()
    {
        var start = (ushort*)NativeMemory.Alloc(33, sizeof(ushort));
        for (int j = 0; j < 33; j++)
        {
            start[j] = (ushort)(Squash.P((j - 16) * 128) * 16);
        }

        return start;
    }

    /// <summary>Bytes an APM of <paramref name="contexts"/> contexts allocates.</summary>
    public static long Bytes(int contexts) => contexts * 33L * sizeof(ushort);

    /// <summary>
    /// Starts loading context <paramref name="cx"/>'s row (66 bytes, so up to two cache lines):
    /// call it as soon as the next context is known, well before <see cref="Refine"/>. Tables
    /// larger than the L2 cache otherwise stall every bit here.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(int cx)
    {
        Debug.Assert(cx >= 0 && cx * 33 < _length);
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            ushort* row = _t + cx * 33;
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(row);
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(row + 32);
        }
    }

    /// <summary>Returns the refined 12-bit probability of <paramref name="pr"/> in context <paramref name="cx"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Refine(int pr, int cx) => Math.Clamp(Refine16(pr, cx) >> 4, 1, 4095);

    /// <summary>As <see cref="Refine"/> without the rounding to 12 bits: a probability × 65536 in [0, 65535].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Refine16(int pr, int cx)
    {
        Debug.Assert(cx >= 0 && cx * 33 < _length);
        int bin = Bin(pr, out int w);
        int i = cx * 33 + bin;
        _index = i;
        _bin = bin;
        int a = (ushort)(_t[i] + _start[bin]), b = (ushort)(_t[i + 1] + _start[bin + 1]);
        return (a * (128 - w) + b * w) >> 7;
    }

    /// <summary>
    /// The left bin (0..31) of the two around 12-bit probability <paramref name="pr"/>, and the
    /// right one's weight <paramref name="w"/> in [0, 127]: bins sit every 128 units of stretch(p).
    /// Shared with <see cref="AdaptiveApm"/>, whose bins are laid out the same way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Bin(int pr, out int w)
    {
        Debug.Assert(pr > 0 && pr < 4096);
        int s = Stretch.D(pr) + 2048;  // 1..4095
        w = s & 127;
        return s >> 7;
    }

    /// <summary>Trains the two bins around the last input toward bit <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(int y)
    {
        int g = (y << 16) + (y << _rate) - y - y;
        int sa = _start[_bin], sb = _start[_bin + 1];
        int a = (ushort)(_t[_index] + sa), b = (ushort)(_t[_index + 1] + sb);
        _t[_index] = (ushort)(a + ((g - a) >> _rate) - sa);
        _t[_index + 1] = (ushort)(b + ((g - b) >> _rate) - sb);
    }

    /// <summary>Frees the bins; the map must not be used after.</summary>
    public void Dispose()
    {
        _t = null;
        _block.Dispose();
    }
}
