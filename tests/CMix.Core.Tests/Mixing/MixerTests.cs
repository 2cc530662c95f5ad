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

    [Fact]
    public void PerSetRatesTeachARarelyMetSetFaster()
    {
        // After 3,000 bits on set 0, set 1 is met for the first time. With per-set rates it
        // learns at its own, high, rate; without them at the stream's.
        int fresh = SignalAfterNoise(setRates: true, noiseBits: 3000, signalSet: 1);
        int shared = SignalAfterNoise(setRates: false, noiseBits: 3000, signalSet: 1);
        Assert.True(fresh > shared + 80, $"per-set rates {fresh}, one rate {shared}");
    }

    [Fact]
    public void PerSetRatesSettleBelowTheStreamRate()
    {
        // After 200,000 bits on set 0, the same set meets a clear signal. A busy set's per-set
        // rate has settled below the one stream rate, so it moves less.
        int busy = SignalAfterNoise(setRates: true, noiseBits: 200_000, signalSet: 0);
        int shared = SignalAfterNoise(setRates: false, noiseBits: 200_000, signalSet: 0);
        Assert.True(busy < shared - 100, $"per-set rates {busy}, one rate {shared}");
    }

    /// <summary>
    /// A one-selector mixer with two sets of 16 inputs (so each weight starts at 0.25):
    /// <paramref name="noiseBits"/> random bits on set 0 with an input that says nothing, then 20
    /// bits of 1 on <paramref name="signalSet"/> with an input that says "1"; returns the last p(1).
    /// (Measured: a fresh set reaches 3,363 with per-set rates and 3,221 without; a busy one 2,342
    /// and 2,564.)
    /// </summary>
    private static int SignalAfterNoise(bool setRates, int noiseBits, int signalSet)
    {
        using var m = new Mixer(16, [2], [1], ScalarMixerKernel.Instance, setRates);
        var rng = new Random(11);
        for (int i = 0; i < noiseBits; i++)
        {
            m.Add(rng.Next(-500, 500));
            m.Add(256);
            m.Select(0);
            m.SelectFinal(0);
            m.P();
            m.Update(rng.Next(2));
        }

        int p = 0;
        for (int i = 0; i < 20; i++)
        {
            m.Add(1000);
            m.Add(0);
            m.Select(signalSet);
            m.SelectFinal(0);
            p = m.P();
            Assert.InRange(p, 1, 4095);
            m.Update(1);
        }

        return p;
    }
}
