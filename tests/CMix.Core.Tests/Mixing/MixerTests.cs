using CMix.Mixing;
using Xunit;

namespace CMix.Core.Tests.Mixing;

public sealed unsafe class MixerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(7)]
    public void LearnsToTrustAnInputThatIsAlwaysRight(int selectors)
    {
        // Input 0 says "1" strongly exactly when the bit is 1; input 1 is noise. Any number of
        // selectors (one = single layer) must end up confident in the right direction.
        var sets = Enumerable.Repeat(4, selectors).ToArray();
        using var m = new Mixer(3, sets, 2, ScalarMixerKernel.Instance);
        var rng = new Random(3);
        int last1 = 0, last0 = 0;
        for (int i = 0; i < 4000; i++)
        {
            int y = rng.Next(2);
            m.Add(y == 1 ? 1500 : -1500);
            m.Add(rng.Next(-1000, 1000));
            m.Add(256);
            for (int k = 0; k < selectors; k++)
            {
                m.Select(i & 3);
            }

            m.SelectFinal(i & 1);
            int p = m.P();
            Assert.InRange(p, 1, 4095);
            if (y == 1)
            {
                last1 = p;
            }
            else
            {
                last0 = p;
            }

            m.Update(y);
        }

        Assert.True(last1 > 3800, $"p(1) when the bit is 1: {last1}");
        Assert.True(last0 < 300, $"p(1) when the bit is 0: {last0}");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void SeveralFinalSelectorsLearnAsOne(int finals)
    {
        // The same task through several layer-2 selectors, each on its own context: the mean of
        // their outputs must still end up confident in the right direction.
        var finalSets = Enumerable.Range(2, finals).ToArray();
        using var m = new Mixer(3, [4, 4, 4], finalSets, ScalarMixerKernel.Instance);
        var rng = new Random(5);
        int last1 = 0, last0 = 0;
        for (int i = 0; i < 4000; i++)
        {
            int y = rng.Next(2);
            m.Add(y == 1 ? 1500 : -1500);
            m.Add(rng.Next(-1000, 1000));
            m.Add(256);
            for (int k = 0; k < 3; k++)
            {
                m.Select(i & 3);
            }

            for (int k = 0; k < finals; k++)
            {
                m.SelectFinal(i % finalSets[k]);
            }

            int p = m.P();
            Assert.InRange(p, 1, 4095);
            (y == 1 ? ref last1 : ref last0) = p;
            m.Update(y);
        }

        Assert.True(last1 > 3800, $"p(1) when the bit is 1: {last1}");
        Assert.True(last0 < 300, $"p(1) when the bit is 0: {last0}");
    }
}
