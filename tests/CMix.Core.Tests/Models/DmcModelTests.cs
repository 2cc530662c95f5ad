using CMix.Models;
using Xunit;

namespace CMix.Core.Tests.Models;

public sealed class DmcModelTests
{
    /// <summary>Feeds <paramref name="data"/> bit by bit; returns the model's probabilities of the bits of the last byte that were 1 and 0.</summary>
    private static (int MinOfOnes, int MaxOfZeros) Feed(DmcModel dmc, byte[] data)
    {
        int minOfOnes = 4096, maxOfZeros = 0;
        for (int k = 0; k < data.Length; k++)
        {
            int c0 = 1;
            for (int j = 7; j >= 0; j--)
            {
                int y = (data[k] >> j) & 1;
                if (k == data.Length - 1)
                {
                    int p = dmc.P();
                    if (y == 1)
                    {
                        minOfOnes = Math.Min(minOfOnes, p);
                    }
                    else
                    {
                        maxOfZeros = Math.Max(maxOfZeros, p);
                    }
                }

                c0 = (c0 << 1) | y;
                dmc.Update(y, j > 0 ? c0 : 1);
            }
        }

        return (minOfOnes, maxOfZeros);
    }

    [Fact]
    public void StartsUndecided()
    {
        Assert.Equal(2048, new DmcModel(12).P());
    }

    [Fact]
    public void LearnsARepeatingTextByCloningStates()
    {
        var dmc = new DmcModel(16);
        byte[] data = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("the cat sat on the mat; ", 200)));
        var (minOfOnes, maxOfZeros) = Feed(dmc, data);
        Assert.True(dmc.Nodes > 255, "no state was cloned");
        Assert.True(minOfOnes > 3600, $"a 1 bit of the repeated text got only p = {minOfOnes}");
        Assert.True(maxOfZeros < 500, $"a 0 bit of the repeated text got p = {maxOfZeros}");
    }

    [Fact]
    public void StartsOverWhenThePoolIsFullAndKeepsLearning()
    {
        var dmc = new DmcModel(10);   // 1,024 states: full within a few hundred varied bytes
        var random = new Random(7);
        var noise = new byte[4000];
        random.NextBytes(noise);
        int peak = 0;
        foreach (byte b in noise)
        {
            Feed(dmc, [b]);
            peak = Math.Max(peak, dmc.Nodes);
        }

        Assert.Equal(1024, peak);
        Assert.True(dmc.Nodes < 1024, "the pool never started over");
        byte[] text = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abcd", 300)));
        var (minOfOnes, maxOfZeros) = Feed(dmc, text);
        Assert.True(minOfOnes > 3000 && maxOfZeros < 1000, $"after a reset: ones {minOfOnes}, zeros {maxOfZeros}");
    }
}
