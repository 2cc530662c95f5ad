using CMix.Apm;
using Xunit;

namespace CMix.Core.Tests.Apm;

public sealed class SseMixerTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(700)]
    [InlineData(32768)]
    [InlineData(61000)]
    [InlineData(65530)]
    public void StartsAsTheChosenInput(int p)
    {
        var mixer = new SseMixer(3, 2);
        mixer.Add(1000);
        mixer.Add(64000);
        mixer.Add(p);
        int q = mixer.P();
        // Stretch16 then Squash16 round-trips to within one step of the interpolation.
        Assert.InRange(q, p - p / 100 - 2, p + p / 100 + 2);
    }

    [Fact]
    public void LearnsToFollowTheInputThatPredicts()
    {
        // Input 0 knows the bits (92 % sure), input 1, where the weights start, knows nothing. The
        // rate is small on purpose (see SseMixer), so 40,000 bits take it from about 1 bit a bit to under 0.3.
        var mixer = new SseMixer(2, 1);
        uint seed = 12345;
        double startCost = 0, endCost = 0;
        for (int i = 0; i < 40000; i++)
        {
            seed = seed * 1664525 + 1013904223;
            int y = (int)(seed >> 31);
            mixer.Add(y == 1 ? 60000 : 5536);
            mixer.Add(32768);
            int p = mixer.P();
            double cost = -Math.Log2((y == 1 ? p : 65536 - p) / 65536.0);
            if (i < 1000)
            {
                startCost += cost;
            }
            else if (i >= 39000)
            {
                endCost += cost;
            }

            mixer.Update(y);
        }

        Assert.InRange(startCost / 1000, 0.8, 1.01);
        Assert.True(endCost / 1000 < 0.3, $"bits per bit after training: {endCost / 1000:F3}");
    }

    [Fact]
    public void StaysInRangeOnExtremeInputs()
    {
        var mixer = new SseMixer(2, 0);
        for (int i = 0; i < 100000; i++)
        {
            int y = i % 7 == 0 ? 1 : 0;
            mixer.Add(y == 1 ? 0 : 65535);  // confidently wrong, every time
            mixer.Add(i % 2 == 0 ? 1 : 65535);
            Assert.InRange(mixer.P(), 1, 65535);
            mixer.Update(y);
        }
    }
}
