using CMix.Mixing;
using CMix.Prediction;
using Xunit;

namespace CMix.Core.Tests.Prediction;

public sealed class PredictorTests
{
    private static byte[] Sample()
    {
        var text = "The quick brown fox jumps over the lazy dog. <page><title>Fox</title></page>\n"u8.ToArray();
        var data = new byte[6000];
        var rng = new Random(7);
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = i % 1000 < 900 ? text[i % text.Length] : (byte)rng.Next(256);
        }

        return data;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(9)]
    public void TwoPredictorsFedTheSameBitsGiveTheSameProbabilities(int level)
    {
        using var a = new Predictor(ModelSettings.ForLevel(level).WithTables(12, 16, 12));
        using var b = new Predictor(ModelSettings.ForLevel(level).WithTables(12, 16, 12), ScalarMixerKernel.Instance);
        foreach (byte c in Sample())
        {
            for (int j = 7; j >= 0; j--)
            {
                int pa = a.P(), pb = b.P();
                Assert.Equal(pa, pb);
                Assert.InRange(pa, 1, 65535);
                int y = (c >> j) & 1;
                a.Update(y);
                b.Update(y);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void RepeatedTextBecomesCheap(int level)
    {
        // The second copy of a block must code in far fewer bits than the first: every level learns.
        using var p = new Predictor(ModelSettings.ForLevel(level).WithTables(12, 16, 12));
        byte[] block = Sample().AsSpan(0, 3000).ToArray();
        double first = Cost(p, block), second = Cost(p, block);
        Assert.True(second < first / 4, $"level {level}: first copy {first:F0} bits, second {second:F0} bits");
    }

    private static double Cost(Predictor p, byte[] data)
    {
        double bits = 0;
        foreach (byte c in data)
        {
            for (int j = 7; j >= 0; j--)
            {
                int y = (c >> j) & 1;
                double p1 = p.P() / 65536.0;
                bits -= Math.Log2(y == 1 ? p1 : 1 - p1);
                p.Update(y);
            }
        }

        return bits;
    }
}
