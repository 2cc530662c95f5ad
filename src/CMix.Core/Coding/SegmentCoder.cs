using System.Diagnostics;
using System.Runtime.CompilerServices;
using CMix.Numerics;
using CMix.Prediction;

namespace CMix.Coding;

/// <summary>
/// Codes one segment (at most <see cref="Container.SegmentSize"/> bytes) with a predictor that
/// persists across the segments of a block. Each segment has its own arithmetic coder, so its
/// compressed length is known before it is written and a reader can skip or hand it to a thread.
/// </summary>
internal static class SegmentCoder
{
    /// <summary>Bytes between progress reports inside a segment.</summary>
    private const int ReportEvery = 1 << 16;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ArithmeticEncoder Encode(Predictor predictor, ReadOnlySpan<byte> data, Action<int>? progress)
    {
        var enc = new ArithmeticEncoder(data.Length / 3 + 64);
        for (int i = 0; i < data.Length; i++)
        {
            int c = data[i];
            for (int j = 7; j >= 0; j--)
            {
                int y = (c >> j) & 1;
                enc.Encode(y, predictor.P());
                predictor.Update(y);
            }

            if ((i & (ReportEvery - 1)) == ReportEvery - 1)
            {
                progress?.Invoke(ReportEvery);
            }
        }

        progress?.Invoke(data.Length & (ReportEvery - 1));
        enc.Flush();
        return enc;
    }

    /// <summary>
    /// <see cref="Encode"/>, and also the cost of each byte: <paramref name="costs"/>[i] is the sum
    /// over byte i's 8 bits of −log2 of the probability the coder was given for the bit that came,
    /// in units of 2^-16 bit (<see cref="Ilog.Cost"/>). The same predictor calls in the same order
    /// as <see cref="Encode"/>, so the coded bytes are those of the archive's segment. A separate
    /// loop, so compression pays nothing for it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ArithmeticEncoder Measure(Predictor predictor, ReadOnlySpan<byte> data, Span<int> costs, Action<int>? progress)
    {
        Debug.Assert(costs.Length >= data.Length);
        var enc = new ArithmeticEncoder(data.Length / 3 + 64);
        for (int i = 0; i < data.Length; i++)
        {
            int c = data[i];
            int cost = 0;
            for (int j = 7; j >= 0; j--)
            {
                int y = (c >> j) & 1;
                int p = predictor.P();
                enc.Encode(y, p);
                cost += Ilog.Cost(y != 0 ? p : 65536 - p);
                predictor.Update(y);
            }

            costs[i] = cost;
            if ((i & (ReportEvery - 1)) == ReportEvery - 1)
            {
                progress?.Invoke(ReportEvery);
            }
        }

        progress?.Invoke(data.Length & (ReportEvery - 1));
        enc.Flush();
        return enc;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Decode(Predictor predictor, byte[] coded, int codedLength, Span<byte> output, Action<int>? progress)
    {
        Debug.Assert(codedLength <= coded.Length);
        var dec = new ArithmeticDecoder(coded, codedLength);
        for (int i = 0; i < output.Length; i++)
        {
            int c = 1;
            for (int j = 0; j < 8; j++)
            {
                int y = dec.Decode(predictor.P());
                predictor.Update(y);
                c = (c << 1) | y;
            }

            output[i] = (byte)c;
            if ((i & (ReportEvery - 1)) == ReportEvery - 1)
            {
                progress?.Invoke(ReportEvery);
            }
        }

        progress?.Invoke(output.Length & (ReportEvery - 1));
    }
}
