using System.Text;
using CMix.Prediction;
using Xunit;

namespace CMix.Core.Tests.Prediction;

/// <summary>A clone predicts exactly what the predictor it copies would, and leaves it untouched.</summary>
public sealed class PredictorCloneTests
{
    // Text, markup and binary, so the word, structure, binary-detector and DMC paths all have state.
    private static readonly byte[] Learned = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 80).Select(i =>
        $"<page id=\"{i}\"><title>The {i % 7}th river</title> It was the {(i * 5) % 13}th day; [[link {i % 3}]] {{{{cite}}}}\n")));

    private static readonly byte[] Costed = [.. Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 40).Select(i =>
        $"It was the {(i * 3) % 11}th day, and the travellers rested by the river. <b>{i}</b>\n"))), .. Noise(1500)];

    private static byte[] Noise(int n)
    {
        var b = new byte[n];
        new Random(7).NextBytes(b);
        return b;
    }

    private static Predictor New(int level) => new(CMix.Similarity.CostTables.For(level, Learned.Length + Costed.Length));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(9)]
    public void CloneCostsWhatAFreshModelThatLearnedTheSameBytesCosts(int level)
    {
        using var fresh = New(level);
        fresh.Learn(Learned);
        double expected = fresh.Cost(Costed);

        using var learned = New(level);
        learned.Learn(Learned);
        using (var copy = learned.Clone())
        {
            Assert.Equal(expected, copy.Cost(Costed));
        }

        // The copy's run left the original where it was; a second copy is the same again.
        using (var again = learned.Clone())
        {
            Assert.Equal(expected, again.Cost(Costed));
        }

        Assert.Equal(expected, learned.Cost(Costed));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    public void CloneWithinAByteGivesTheSameProbabilities(int level)
    {
        using var a = New(level);
        a.Learn(Learned);
        foreach (int bit in (int[])[0, 1, 1])
        {
            a.P();
            a.Update(bit);
        }

        using var b = a.Clone();
        for (int i = 0; i < 4000; i++)
        {
            int bit = (Costed[i >> 3] >> (7 - (i & 7))) & 1;
            Assert.Equal(a.P(), b.P());
            a.Update(bit);
            b.Update(bit);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    public void RestartingAFreshModelChangesNothing(int level)
    {
        using var fresh = New(level);
        using var restarted = New(level);
        restarted.RestartRates();
        Assert.Equal(fresh.Cost(Costed), restarted.Cost(Costed));
    }

    [Fact]
    public void ACloneOfAFreshModelIsAFreshModel()
    {
        using var fresh = New(4);
        using var original = New(4);
        using var copy = original.Clone();
        Assert.Equal(fresh.Cost(Costed), copy.Cost(Costed));
    }
}
