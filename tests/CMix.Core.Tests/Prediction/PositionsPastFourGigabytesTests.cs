using CMix.Coding;
using CMix.Prediction;
using Xunit;

namespace CMix.Core.Tests.Prediction;

/// <summary>
/// Issue 7: positions are 64-bit everywhere. A block of more than 4 GiB takes over an hour to
/// code here (tools/slowtest-large.sh does it), so these tests start the model's history just
/// below 2^32 instead and code across the boundary, where a 32-bit position would wrap.
/// </summary>
public sealed class PositionsPastFourGigabytesTests
{
    private const long JustBelow4GiB = (1L << 32) - 200_000;

    private static byte[] Text()
    {
        // Repeats far enough apart that the match model has to find them across the boundary.
        var rng = new Random(11);
        string[] words = ["wiki", "page", "title", "revision", "text", "the", "of", "and", "compress", "model"];
        var sb = new System.Text.StringBuilder();
        while (sb.Length < 150_000)
        {
            sb.Append(words[rng.Next(words.Length)]).Append(rng.Next(8) == 0 ? ".\n" : " ");
        }

        string block = sb.ToString();
        return System.Text.Encoding.ASCII.GetBytes(block + block + block);
    }

    // The real per-segment coder loops, with a predictor whose history starts at start.
    private static byte[] Encode(byte[] data, ModelSettings settings, long start)
    {
        using var p = new Predictor(settings, kernel: null, start);
        return SegmentCoder.Encode(p, data, progress: null).Output.ToArray();
    }

    private static byte[] Decode(byte[] coded, int length, ModelSettings settings, long start)
    {
        using var p = new Predictor(settings, kernel: null, start);
        var output = new byte[length];
        SegmentCoder.Decode(p, coded, coded.Length, output, progress: null);
        return output;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void CodingAcrossTheFourGigabyteBoundaryRoundTripsAndLosesNothing(int level)
    {
        var settings = ModelSettings.ForLevel(level).WithTables(16, 20, 16);
        byte[] data = Text();
        Assert.True(JustBelow4GiB + data.Length > 1L << 32, "the test data must cross 2^32");

        byte[] low = Encode(data, settings, 0);
        byte[] high = Encode(data, settings, JustBelow4GiB);
        Assert.Equal(data, Decode(high, data.Length, settings, JustBelow4GiB));

        // The repeats must still be found past the boundary: a wrapped position would lose the
        // match model there and cost far more than the few bytes the start-up differences do.
        double growth = (high.Length - low.Length) / (double)low.Length;
        Assert.True(Math.Abs(growth) < 0.005, $"level {level}: {low.Length} bytes from position 0, {high.Length} from just below 2^32");
    }

    [Fact]
    public void TheEndFrameCarriesLengthsBeyondFourGigabytes()
    {
        const long length = 4_500_000_000;
        var ms = new MemoryStream();
        Container.WriteEnd(ms, length, 0x0123456789ABCDEFul);
        ms.Position = 0;
        var frame = Container.ReadFrame(ms, 0);
        Assert.Equal(Container.KindEnd, frame.Kind);
        Assert.Equal(length, frame.EndLength);
        Assert.Equal(0x0123456789ABCDEFul, frame.EndHash);
    }
}
