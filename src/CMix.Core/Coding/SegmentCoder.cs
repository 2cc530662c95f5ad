using System.Diagnostics;
using System.Runtime.CompilerServices;
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
