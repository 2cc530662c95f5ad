using CMix.Apm;
using CMix.Numerics;
using Xunit;
using ApmMap = CMix.Apm.Apm;

namespace CMix.Core.Tests.Apm;

public sealed class AdaptiveApmTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(2048)]
    [InlineData(3500)]
    [InlineData(4000)]
    public void StartsAsTheIdentity(int p)
    {
        using var apm = new AdaptiveApm(4);
        Assert.InRange(apm.Refine(p, 3), p - p / 32 - 2, p + p / 32 + 2);
    }

    [Fact]
    public void LearnsMuchFasterThanAFixedRateApmAtFirst()
    {
        // The contract that makes it worth its 4 bytes a bin: a context met 20 times has moved.
        using var adaptive = new AdaptiveApm(2);
        var fixedRate = new ApmMap(2);
        for (int i = 0; i < 20; i++)
        {
            adaptive.Refine(2048, 1);
            adaptive.Update(1);
            fixedRate.Refine(2048, 1);
            fixedRate.Update(1);
        }

        Assert.True(adaptive.Refine(2048, 1) > 3300, $"adaptive: {adaptive.Refine(2048, 1)}");
        Assert.True(fixedRate.Refine(2048, 1) < 2700, $"fixed: {fixedRate.Refine(2048, 1)}");
    }

    [Fact]
    public void ContextsLearnApart()
    {
        using var apm = new AdaptiveApm(8);
        int before = apm.Refine(3000, 6);
        for (int i = 0; i < 50; i++)
        {
            apm.Refine(3000, 5);
            apm.Update(0);
        }

        Assert.True(apm.Refine(3000, 5) < 1000);
        Assert.Equal(before, apm.Refine(3000, 6));
    }

    [Fact]
    public void StaysInsideTheTwelveBitRangeAfterLongRuns()
    {
        using var apm = new AdaptiveApm(1);
        for (int i = 0; i < 5000; i++)
        {
            Assert.InRange(apm.Refine(4095, 0), 1, 4095);
            apm.Update(1);
        }

        Assert.True(apm.Refine(4095, 0) > 4000);
        Assert.Equal(1000 * 33 * 4, AdaptiveApm.Bytes(1000));
        Assert.InRange(Stretch.D(apm.Refine(4095, 0)), 1000, 2047);
    }
}
