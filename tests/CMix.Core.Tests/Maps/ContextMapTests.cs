using CMix.Maps;
using CMix.Mixing;
using Xunit;

namespace CMix.Core.Tests.Maps;

public sealed unsafe class ContextMapTests
{
    [Theory]
    [InlineData(false, false, 2)]
    [InlineData(true, false, 3)]
    [InlineData(false, true, 3)]
    [InlineData(true, true, 4)]
    public void InputsPerContextCountTheOptionalInputs(bool runs, bool linear, int expected)
    {
        Assert.Equal(expected, ContextMap.InputsFor(runs, linear));
        using var cm = new ContextMap(3, 10, runs, linearInputs: linear);
        Assert.Equal(expected, cm.InputsPerContext);
    }

    [Fact]
    public void TheLinearInputFollowsTheStretchedOne()
    {
        // Two contexts, 4 inputs each: stretch, confidence, run, linear. Context 0 always sees the
        // byte 0xFF; context 1 a fresh hash every byte (never a history).
        using var cm = new ContextMap(2, 12, runInputs: true, linearInputs: true, orderContexts: 1);
        using var m = new Mixer(8, [1], 1, ScalarMixerKernel.Instance);
        int lastByte = 0;
        for (int k = 0; k < 40; k++)
        {
            cm.Set(0, 1234);
            cm.Set(1, (uint)(k * 7919 + 1));
            cm.BeginByte(lastByte);
            int c0 = 1;
            for (int bit = 0; bit < 8; bit++)
            {
                cm.Mix(m.Reserve(cm.Count * cm.InputsPerContext), c0, bit);
                short st0 = m.InputAt(0), lin0 = m.InputAt(3), lin1 = m.InputAt(7);
                Assert.InRange(lin0, -512, 511);
                Assert.InRange(lin1, -512, 511);
                if (k > 20)
                {
                    // Trained on 1s: both say so, and the new context knows nothing of it.
                    Assert.True(st0 > 1000 && lin0 > 400, $"byte {k} bit {bit}: stretch {st0}, linear {lin0}");
                    Assert.Equal(1, cm.KnownOrders);
                }

                m.Select(0);
                m.SelectFinal(0);
                m.P();
                cm.Update(1);
                m.Update(1);
                c0 = (c0 << 1) | 1;
            }

            lastByte = 0xFF;
        }
    }
}
