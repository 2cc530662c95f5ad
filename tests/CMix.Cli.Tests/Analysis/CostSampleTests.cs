using CMix.Cli.Analysis;

namespace CMix.Cli.Tests.Analysis;

public sealed class CostSampleTests
{
    [Fact]
    public void ShortInputIsKeptWhole()
    {
        var sample = new CostSample(10);
        sample.Add(0, [1, 2, 3], [4, 5, 6]);
        var parts = sample.Parts();
        Assert.Single(parts);
        Assert.Equal([1, 2, 3], parts[0].Bytes);
        Assert.Equal([4, 5, 6], parts[0].Costs);
    }

    [Fact]
    public void LongInputKeepsItsHeadAndTail()
    {
        var sample = new CostSample(10);
        byte[] bytes = [.. Enumerable.Range(0, 97).Select(i => (byte)i)];
        int[] costs = [.. Enumerable.Range(0, 97)];
        sample.Add(0, bytes[..40], costs[..40]);
        sample.Add(40, bytes[40..], costs[40..]);
        var parts = sample.Parts();
        Assert.Equal(2, parts.Count);
        Assert.Equal(bytes[..5], parts[0].Bytes);
        Assert.Equal(92, parts[1].Start);
        Assert.Equal(bytes[92..], parts[1].Bytes);
        Assert.Equal(costs[92..], parts[1].Costs);
    }
}
