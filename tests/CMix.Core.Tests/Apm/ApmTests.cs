using CMix.Apm;
using Xunit;
using ApmMap = CMix.Apm.Apm;

namespace CMix.Core.Tests.Apm;

public sealed class ApmTests
{
    // Predictor.RefineAll derives the 12-bit first-stage output from Refine16 as
    // clamp(Refine16 >> 4): level 9's archives depend on the two agreeing everywhere.
    [Fact]
    public void RefineIsRefine16RoundedToTwelveBits()
    {
        using var fixedRate = new ApmMap(64);
        using var adaptive = new AdaptiveApm(64);
        var random = new Random(11);
        for (int i = 0; i < 20000; i++)
        {
            int p = random.Next(1, 4096), cx = random.Next(64), y = random.Next(2);
            int wide = fixedRate.Refine16(p, cx);
            Assert.Equal(Math.Clamp(wide >> 4, 1, 4095), fixedRate.Refine(p, cx));
            Assert.InRange(wide, 0, 65535);
            fixedRate.Update(y);

            int wideAdaptive = adaptive.Refine16(p, cx);
            Assert.Equal(Math.Clamp(wideAdaptive >> 4, 1, 4095), adaptive.Refine(p, cx));
            Assert.InRange(wideAdaptive, 0, 65535);
            adaptive.Update(y);
        }
    }

    // Bins are filled by copying the first row (Rows.Replicate) into a LargeTable block: a table
    // past a huge page takes the mapped path, and its last row must start as its first.
    [Fact]
    public void EveryRowStartsAsTheFirst()
    {
        const int contexts = 1 << 16;  // 4.3 MB of bins
        using var apm = new ApmMap(contexts);
        for (int p = 1; p < 4096; p += 97)
        {
            int first = apm.Refine16(p, 0);
            Assert.Equal(first, apm.Refine16(p, contexts - 1));
            Assert.Equal(first, apm.Refine16(p, contexts / 3));
        }
    }
}
