using System.Text;
using CMix.Prediction;
using CMix.Similarity;
using Xunit;

namespace CMix.Core.Tests.Similarity;

public sealed class CompressionDistanceTests
{
    private static byte[] Prose(int seed) => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 60).Select(i =>
        $"It was the {(i * seed) % 13}th day, and the travellers rested by the river before going on. ")));

    private static byte[] Noise(int seed)
    {
        var b = new byte[4000];
        new Random(seed).NextBytes(b);
        return b;
    }

    private static readonly ReadOnlyMemory<byte>[] Inputs = [Prose(3), Prose(5), Noise(1), Noise(2)];

    [Fact]
    public void NcdOfAFileWithItselfIsSmall()
    {
        var m = CompressionDistance.Measure(Inputs, new NcdOptions());
        var kept = CompressionDistance.Measure(Inputs, new NcdOptions { RestartRates = false });
        for (int i = 0; i < m.Count; i++)
        {
            // Restarted rates learn the repeat a little less surely (the largest here: 0.103), the
            // price of adapting as fast as a fresh model.
            Assert.InRange(m.Ncd(i, i), 0, 0.15);
            Assert.InRange(kept.Ncd(i, i), 0, 0.1);
        }
    }

    [Fact]
    public void SimilarInputsAreNearerThanUnrelatedOnes()
    {
        var m = CompressionDistance.Measure(Inputs, new NcdOptions());
        Assert.Equal(1, m.Nearest(0));
        Assert.Equal(0, m.Nearest(1));
        Assert.True(m.Ncd(0, 1) < 0.5);
        Assert.InRange(m.Ncd(2, 3), 0.9, 1.1);  // independent noise shares nothing
        Assert.InRange(m.Ncd(0, 2), 0.9, 1.1);
    }

    [Fact]
    public void OneOrderGivesASymmetricMatrix()
    {
        var m = CompressionDistance.Measure(Inputs, new NcdOptions());
        Assert.False(m.BothOrders);
        Assert.Equal(Inputs.Length, m.Count);
        for (int i = 0; i < m.Count; i++)
        {
            for (int j = 0; j < m.Count; j++)
            {
                Assert.Equal(m.Ncd(i, j), m.Ncd(j, i), 12);
                Assert.Equal(m.Joint(i, j), m.Joint(j, i), 6);
            }
        }
    }

    [Fact]
    public void BothOrdersMeasureEachDirection()
    {
        var one = CompressionDistance.Measure(Inputs, new NcdOptions());
        var both = CompressionDistance.Measure(Inputs, new NcdOptions { BothOrders = true });
        Assert.True(both.BothOrders);
        for (int i = 0; i < both.Count; i++)
        {
            Assert.Equal(one.Cost(i), both.Cost(i));
            for (int j = i; j < both.Count; j++)
            {
                Assert.Equal(one.Conditional(i, j), both.Conditional(i, j));  // the same run
            }
        }

        Assert.NotEqual(both.Conditional(1, 0), one.Conditional(1, 0));  // measured, not derived
    }

    [Fact]
    public void RestartingRatesBringsUnrelatedPairsBackToAboutOne()
    {
        // Prose then noise: a model whose maps saturated on the prose adapts to the noise slowly.
        var kept = CompressionDistance.Measure(Inputs, new NcdOptions { RestartRates = false });
        var restarted = CompressionDistance.Measure(Inputs, new NcdOptions());
        Assert.True(restarted.Conditional(0, 2) < kept.Conditional(0, 2));
        Assert.True(restarted.Ncd(0, 1) < 0.5);
        Assert.Equal(kept.Cost(0), restarted.Cost(0));  // C(x) is a fresh model's either way
    }

    [Fact]
    public void ThreadsChangeNothing()
    {
        var a = CompressionDistance.Measure(Inputs, new NcdOptions { Level = 2 });
        var b = CompressionDistance.Measure(Inputs, new NcdOptions { Level = 2, Threads = 3 });
        for (int i = 0; i < a.Count; i++)
        {
            for (int j = 0; j < a.Count; j++)
            {
                Assert.Equal(a.Conditional(i, j), b.Conditional(i, j));
            }
        }
    }

    [Fact]
    public void ProgressReachesTheTotal()
    {
        long last = 0, total = 0;
        CompressionDistance.Measure(Inputs, new NcdOptions
        {
            Progress = p =>
            {
                lock (Inputs)
                {
                    last = Math.Max(last, p.ProcessedBytes);
                    total = p.TotalBytes ?? -1;
                }
            },
        });
        Assert.Equal(total, last);
        // Each input once (the row's model learns it), then the ten pairs (i ≤ j) cost input j once each from a copy.
        long bytes = Inputs.Sum(x => (long)x.Length);
        Assert.Equal(bytes + Inputs.Select((x, j) => (j + 1L) * x.Length).Sum(), total);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(4, false)]
    [InlineData(9, false)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(9, true)]
    public void EachConditionalIsWhatAFreshModelThatLearnedTheGivenInputSpends(int level, bool restart)
    {
        ReadOnlyMemory<byte>[] inputs = [Prose(3)[..1500], Prose(5)[..1200], Noise(1)[..900]];
        var m = CompressionDistance.Measure(inputs, new NcdOptions { Level = level, BothOrders = true, Threads = 2, RestartRates = restart });
        var settings = CostTables.For(level, 1500 + 1200);
        for (int i = 0; i < inputs.Length; i++)
        {
            using (var alone = new Predictor(settings))
            {
                Assert.Equal(alone.Cost(inputs[i].Span), m.Cost(i));
            }

            for (int j = 0; j < inputs.Length; j++)
            {
                using var p = new Predictor(settings);
                p.Learn(inputs[i].Span);
                if (restart)
                {
                    p.RestartRates();
                }

                Assert.Equal(p.Cost(inputs[j].Span), m.Conditional(i, j));
            }
        }
    }
}
