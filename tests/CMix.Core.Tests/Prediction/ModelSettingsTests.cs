using CMix.Prediction;
using Xunit;

namespace CMix.Core.Tests.Prediction;

public sealed class ModelSettingsTests
{
    public static TheoryData<int> Levels() => [1, 2, 3, 4, 5, 6, 7, 8, 9];

    [Theory]
    [MemberData(nameof(Levels))]
    public void EveryLevelIsWellFormed(int level)
    {
        var s = ModelSettings.ForLevel(level);
        Assert.Equal(level, s.Level);
        Assert.InRange(s.Selectors, 1, 14);
        Assert.True(s.Selectors < 14 || s.Orders.Length < 16, "selector 14 packs the known order count in 4 bits");
        Assert.Equal(s.Selectors, Predictor.MixerSelectorSets(s).Length);
        Assert.InRange(s.FinalSelectors, 1, 6);
        Assert.Equal(s.FinalSelectors, Predictor.FinalSelectorSets(s).Length);
        Assert.True(!s.SseExtra || s.SseChain, "the extra SSE stages follow the chain");
        Assert.True(s.ContextCount > 0);
        Assert.All(s.Orders, o => Assert.InRange(o, 1, 32));
        Assert.Equal(s.Orders.Distinct().Count(), s.Orders.Length);
        Assert.All(s.ExtraMatchMinLengths, n => Assert.InRange(n, 2, 32));
        Assert.True(!s.SseMixer || s.SseExtra, "the SSE mixer blends the extra stages");
    }

    [Fact]
    public void MemoryStaysWithinTheLimitsTheLevelsPromise()
    {
        // Issue 4: the strongest level within the Hutter Prize's 10 GB, the default within 2 GB.
        Assert.True(ModelSettings.ForLevel(ModelSettings.MaxLevel).EstimatedBytes <= 10L << 30);
        Assert.True(ModelSettings.ForLevel(ModelSettings.DefaultLevel).EstimatedBytes <= 2L << 30);
        for (int level = ModelSettings.MinLevel + 1; level <= ModelSettings.MaxLevel; level++)
        {
            Assert.True(ModelSettings.ForLevel(level).EstimatedBytes >= ModelSettings.ForLevel(level - 1).EstimatedBytes, $"level {level} needs less memory than level {level - 1}");
        }
    }

    [Fact]
    public void TheFastestLevelIsTheLeanSingleLayerModel()
    {
        var s = ModelSettings.ForLevel(1);
        Assert.Equal(1, s.Selectors);
        Assert.False(s.RunInputs);
        Assert.False(s.Sse);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    public void SelectorCountsOutsideOneToFourteenAreRejected(int selectors)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelSettings.ForLevel(2) with { Selectors = selectors });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void FinalSelectorCountsOutsideOneToSixAreRejected(int finals)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelSettings.ForLevel(9) with { FinalSelectors = finals });
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(9)]
    [InlineData(27)]
    public void DmcNodeLimitsOutsideTheRangeAreRejected(int bits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelSettings.ForLevel(9) with { DmcNodeBits = bits });
    }

    [Fact]
    public void OnlyTheStrongestLevelAddsTheVersion10Changes()
    {
        // Model version 10 changes level 9 only: more match models, a shorter first one, the SSE mixer.
        for (int level = ModelSettings.MinLevel; level < ModelSettings.MaxLevel; level++)
        {
            var s = ModelSettings.ForLevel(level);
            Assert.Empty(s.ExtraMatchMinLengths);
            Assert.False(s.SseMixer, $"level {level}");
            Assert.Equal(6, s.MatchMinLength);
        }

        var top = ModelSettings.ForLevel(ModelSettings.MaxLevel);
        Assert.Equal([32, 12], top.ExtraMatchMinLengths);
        Assert.Equal(5, top.MatchMinLength);
        Assert.True(top.SseMixer);
    }

    [Fact]
    public void OnlyTheStrongestLevelAddsTheVersion7And8Changes()
    {
        // Levels 1-8 must code the same bytes as in model version 6: none of these may leak down
        // (per-set mixer rates made levels 4 and 6 0.20 % and 0.15 % bigger when tried there).
        for (int level = ModelSettings.MinLevel; level < ModelSettings.MaxLevel; level++)
        {
            var s = ModelSettings.ForLevel(level);
            Assert.False(s.LinearInputs || s.DirectOrder2 || s.DmcNodeBits != 0 || s.Selectors > 13 || s.MixerSetRates, $"level {level}");
        }

        var top = ModelSettings.ForLevel(ModelSettings.MaxLevel);
        Assert.True(top.LinearInputs && top.DirectOrder2 && top.DmcNodeBits > 0 && top.Selectors == 14 && top.MixerSetRates);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void LevelsOutsideOneToNineAreRejected(int level)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelSettings.ForLevel(level));
    }
}
