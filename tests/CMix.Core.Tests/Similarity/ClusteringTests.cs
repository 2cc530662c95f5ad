using CMix.Similarity;
using Xunit;

namespace CMix.Core.Tests.Similarity;

public sealed class ClusteringTests
{
    private static readonly string[] Names = ["a", "b", "c", "d"];

    // a–b close, c–d close, the pairs far apart: ((a,b),(c,d)).
    private static readonly double[,] Four =
    {
        { 0, 0.2, 0.8, 0.9 },
        { 0.2, 0, 0.7, 0.8 },
        { 0.8, 0.7, 0, 0.4 },
        { 0.9, 0.8, 0.4, 0 },
    };

    [Fact]
    public void AverageLinkageMergesTheClosestPairsFirst()
    {
        var tree = Clustering.AverageLinkage(Four);
        // Heights: a–b 0.1, c–d 0.2, root half the mean of the four cross distances (0.8) = 0.4.
        Assert.Equal("((a:0.1000,b:0.1000):0.3000,(c:0.2000,d:0.2000):0.2000);", tree.ToNewick(Names));
        Assert.Equal([0, 1, 2, 3], tree.Leaves());
        Assert.Equal(4, tree.Size);
    }

    [Fact]
    public void TheTextTreeIndentsEachLevel()
    {
        string text = Clustering.AverageLinkage(Four).ToText(Names);
        Assert.Equal("+ 0.4000\n|-- + 0.1000\n|   |-- a\n|   `-- b\n`-- + 0.2000\n    |-- c\n    `-- d\n", text);
    }

    [Fact]
    public void AnAsymmetricMatrixIsReadAsItsMean()
    {
        var m = (double[,])Four.Clone();
        m[0, 1] = 0.1;
        m[1, 0] = 0.3;
        Assert.Equal(Clustering.AverageLinkage(Four).ToNewick(Names), Clustering.AverageLinkage(m).ToNewick(Names));
    }

    [Fact]
    public void NewickQuotesNamesWithPunctuation()
    {
        var tree = Clustering.AverageLinkage(new double[,] { { 0, 1 }, { 1, 0 } });
        Assert.Equal("('it''s a:b':0.5000,plain.txt:0.5000);", tree.ToNewick(["it's a:b", "plain.txt"]));
    }

    [Fact]
    public void OneInputIsALeaf()
    {
        var tree = Clustering.AverageLinkage(new double[,] { { 0 } });
        Assert.True(tree.IsLeaf);
        Assert.Equal("x;", tree.ToNewick(["x"]));
    }
}
