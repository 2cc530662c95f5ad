using System.Text;
using CMix.Coding;
using CMix.Prediction;
using Xunit;

namespace CMix.Core.Tests.Prediction;

public sealed class PrimingTests
{
    private static readonly byte[] Sample = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 300).Select(i => $"line {i % 17}: the quick brown fox {i * 31 % 7}\n")));

    private static Predictor New(int level) => new(ModelSettings.ForLevel(level).WithTables(12, 16, 12));

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void LearnLeavesThePredictorWhereCostDoes(int level)
    {
        using var a = New(level);
        using var b = New(level);
        a.Learn(Sample);
        b.Cost(Sample);
        Assert.Equal(a.Cost(Sample), b.Cost(Sample));
    }

    [Fact]
    public void CostIsAboutTheCodedSize()
    {
        using var p = New(2);
        using var q = New(2);
        double bits = p.Cost(Sample);
        int coded = SegmentCoder.Encode(q, Sample, null).Output.Length;
        // The coder spends the model's bits, within its precision, plus its flush.
        Assert.InRange(coded - bits / 8, -2, 8);
    }

    [Fact]
    public void ASecondPassCostsLess()
    {
        // Random letters: nothing to learn within the first pass, everything in the second (the match model).
        var rng = new Random(7);
        byte[] letters = [.. Enumerable.Range(0, 4000).Select(_ => (byte)('a' + rng.Next(26)))];
        using var p = New(1);
        double first = p.Cost(letters);
        double second = p.Cost(letters);
        Assert.True(second < first / 4, $"first pass {first} bits, second {second}");
    }
}
