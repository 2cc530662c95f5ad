using CMix.Apm;
using CMix.Models;
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
        s.Validate();
        Assert.InRange(s.Selectors.Length, 1, 14);
        Assert.Equal(s.Selectors.Length, s.SelectorSets.Length);
        Assert.InRange(s.FinalSelectors.Length, 1, 6);
        Assert.Equal(s.FinalSelectors.Length, s.FinalSelectorSets.Length);
        Assert.All(s.SelectorSets.Concat(s.FinalSelectorSets), n => Assert.InRange(n, 1, 1 << 17));
        ContextModel.Spec contexts = Assert.IsType<ContextModel.Spec>(s.Parts[0]);
        Assert.True(s.ContextCount > 0);
        Assert.All(contexts.Orders, o => Assert.InRange(o, 1, 32));
        Assert.Equal(contexts.Orders.Distinct().Count(), contexts.Orders.Length);
        Assert.All(s.Parts.OfType<MatchModel.Spec>(), m => Assert.InRange(m.MinLength, 2, 32));
        Assert.Equal(s.Parts.Sum(p => p.Inputs) + 1, s.MixerInputs);
    }

    [Fact]
    public void MemoryStaysWithinTheLimitsTheLevelsPromise()
    {
        // The strongest level within the Hutter Prize's 10 GB, the default within 2 GB.
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
        Assert.Single(s.Selectors);
        Assert.False(Assert.IsType<ContextModel.Spec>(s.Parts[0]).RunInputs);
        Assert.Empty(s.Sse.Stages);
    }

    [Fact]
    public void LowerLevelsUseAPrefixOfTheStrongestLevelsSelectors()
    {
        Selector[] top = ModelSettings.ForLevel(ModelSettings.MaxLevel).Selectors;
        for (int level = ModelSettings.MinLevel; level < ModelSettings.MaxLevel; level++)
        {
            Selector[] s = ModelSettings.ForLevel(level).Selectors;
            Assert.Equal(top[..s.Length], s);
            Assert.Equal([Selector.C0Match], ModelSettings.ForLevel(level).FinalSelectors);
        }
    }

    [Fact]
    public void OnlyTheStrongestLevelHasTheLevel9Parts()
    {
        // Levels 1-8 keep their bytes whatever level 9 gains: none of its parts or options may leak down.
        for (int level = ModelSettings.MinLevel; level < ModelSettings.MaxLevel; level++)
        {
            var s = ModelSettings.ForLevel(level);
            Assert.Single(s.Parts.OfType<MatchModel.Spec>());
            Assert.Equal(6, s.Parts.OfType<MatchModel.Spec>().Single().MinLength);
            Assert.Empty(s.Parts.OfType<DmcModel.Spec>());
            Assert.DoesNotContain(s.Parts.OfType<DirectModel.Spec>(), d => d.Orders.Contains(2));
            var c = (ContextModel.Spec)s.Parts[0];
            Assert.False(c.LinearInputs || c.TextModel || c.CountOrders || s.MixerSetRates, $"level {level}");
            Assert.Equal(SseBlend.Chain, s.Sse.Blend);
        }

        var top = ModelSettings.ForLevel(ModelSettings.MaxLevel);
        Assert.Equal([5, 32, 12], top.Parts.OfType<MatchModel.Spec>().Select(m => m.MinLength));
        Assert.Single(top.Parts.OfType<DmcModel.Spec>());
        Assert.Equal(SseBlend.LearnedAverage, top.Sse.Blend);
        Assert.Equal(8, top.Sse.Stages.Length);
    }

    [Fact]
    public void AMalformedLevelIsRefused()
    {
        // A selector reading a match model the level lacks would read null at the first bit.
        var s = ModelSettings.ForLevel(2);
        var noMatch = s with { Parts = [.. s.Parts.Where(p => p is not MatchModel.Spec)] };
        Assert.Throws<InvalidOperationException>(noMatch.Validate);
        var top = ModelSettings.ForLevel(9);
        var late = top with { Parts = [.. top.Parts.Select(p => p is MatchModel.Spec m ? m with { UpdateOnByte = false } : p)] };
        Assert.Throws<InvalidOperationException>(late.Validate);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void LevelsOutsideOneToNineAreRejected(int level)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelSettings.ForLevel(level));
    }
}
