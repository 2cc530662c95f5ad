using CMix.Coding;
using Xunit;

namespace CMix.Core.Tests.Coding;

public sealed class ArithmeticCoderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(12345)]
    public void DecodesWhatWasEncodedForAnyProbabilities(int seed)
    {
        var rng = new Random(seed);  // test data only; never on the prediction path
        int n = 20000;
        var bits = new int[n];
        var probs = new int[n];
        var enc = new ArithmeticEncoder();
        for (int i = 0; i < n; i++)
        {
            probs[i] = i % 97 == 0 ? (i % 2 == 0 ? 1 : 65535) : rng.Next(1, 65536);
            bits[i] = rng.Next(65536) < probs[i] ? 1 : 0;
            enc.Encode(bits[i], probs[i]);
        }

        enc.Flush();
        byte[] coded = enc.Output.ToArray();
        var dec = new ArithmeticDecoder(coded, coded.Length);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(bits[i], dec.Decode(probs[i]));
        }
    }

    [Fact]
    public void WellPredictedBitsCostLittle()
    {
        var enc = new ArithmeticEncoder();
        for (int i = 0; i < 80000; i++)
        {
            enc.Encode(1, 65000);
        }

        enc.Flush();
        // -log2(65000/65536) × 80000 ≈ 952 bits ≈ 119 bytes.
        Assert.InRange(enc.Length, 100, 140);
    }
}
