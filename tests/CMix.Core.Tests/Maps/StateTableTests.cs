using CMix.Maps;
using Xunit;

namespace CMix.Core.Tests.Maps;

public sealed class StateTableTests
{
    [Fact]
    public void EveryTransitionStaysInTheTable()
    {
        for (int s = 0; s < StateTable.Count; s++)
        {
            Assert.True(StateTable.Next(s, 0) < StateTable.Count);
            Assert.True(StateTable.Next(s, 1) < StateTable.Count);
        }
    }

    [Fact]
    public void RepeatedBitsIncreaseTheirCountAndDiscountTheOther()
    {
        int s = 0;
        for (int i = 0; i < 10; i++)
        {
            s = StateTable.Next(s, 1);
        }

        Assert.Equal(0, StateTable.N0(s));
        Assert.Equal(10, StateTable.N1(s));
        for (int i = 0; i < 3; i++)
        {
            s = StateTable.Next(s, 0);
        }

        Assert.Equal(3, StateTable.N0(s));
        Assert.True(StateTable.N1(s) < 10, "a run of zeros must discount the ones");
    }

    [Fact]
    public void StateMapLearnsTowardTheBits()
    {
        var map = new StateMap(4);
        for (int i = 0; i < 200; i++)
        {
            map.P(1);
            map.Update(1);
            map.P(2);
            map.Update(0);
        }

        Assert.True(map.P(1) > 4000);
        Assert.True(map.P(2) < 100);
        Assert.Equal(2048, map.P(3));
    }
}
