using CMix.Analysis;
using CMix.Coding;
using CMix.Numerics;
using Xunit;

namespace CMix.Core.Tests.Analysis;

/// <summary>
/// The analysis drives the compressing predictor: its coder output is the archive's payload byte
/// for byte, and the costs sum to that payload within the coder's loss.
/// </summary>
public sealed class CostAnalyzerTests
{
    [Theory]
    [InlineData("input.txt", 1, 0)]
    [InlineData("input.txt", 2, 0)]
    [InlineData("binary.bin", 1, 1)]
    public void CostsSumToTheArchivesCodedPayload(string file, int level, int transform)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(DataDir(), file));
        var profile = new CostProfile();
        long seen = 0;
        var summary = CostAnalyzer.Analyze(new MemoryStream(input), level, (offset, bytes, costs) =>
        {
            Assert.Equal(seen, offset);
            Assert.True(bytes.SequenceEqual(input.AsSpan((int)offset, bytes.Length)), "the sink sees the bytes as read, before the transform");
            seen += bytes.Length;
            profile.Add(offset, bytes, costs);
        }, inputLength: input.Length);

        using var archive = new MemoryStream();
        Compressor.Compress(new MemoryStream(input), archive, new CompressionOptions { Level = level, InputLength = input.Length });
        archive.Position = 0;
        var info = Compressor.Inspect(archive, scanFrames: true);
        long payload = info.ArchiveLength!.Value - info.Header.ToBytes().Length - (17L * info.Segments!.Value) - 21;

        Assert.Equal(input.Length, summary.Length);
        Assert.Equal(transform, summary.Transform);
        Assert.Equal(info.Header.Transform, summary.Transform);
        Assert.Equal(payload, summary.CodedBytes);
        Assert.Equal(summary.Cost, profile.Cost);
        double costBytes = summary.Bits / 8;
        Assert.True(Math.Abs(costBytes - payload) <= 0.001 * payload, $"costs {costBytes:0.0} bytes, payload {payload}");
    }

    /// <summary>Two segments: the model carries across the boundary, each segment has its own coder.</summary>
    [Fact]
    public void PayloadAgreesAcrossSegments()
    {
        byte[] input = new byte[(4 << 20) + 50_000];
        uint x = 12345;
        for (int i = 0; i < input.Length; i++)
        {
            x = (x * 1103515245) + 12345;
            input[i] = (byte)((x >> 16) % 7 == 0 ? ' ' : 'a' + ((x >> 20) % 8));
        }

        var summary = CostAnalyzer.Analyze(new MemoryStream(input), 1, (_, _, _) => { }, inputLength: input.Length);
        using var archive = new MemoryStream();
        Compressor.Compress(new MemoryStream(input), archive, new CompressionOptions { Level = 1, InputLength = input.Length });
        archive.Position = 0;
        var info = Compressor.Inspect(archive, scanFrames: true);
        Assert.Equal(2, info.Segments);
        Assert.Equal(2, summary.Segments);
        Assert.Equal(info.ArchiveLength!.Value - info.Header.ToBytes().Length - (17L * 2) - 21, summary.CodedBytes);
        Assert.True(Math.Abs((summary.Bits / 8) - summary.CodedBytes) <= 0.001 * summary.CodedBytes);
    }

    [Fact]
    public void EmptyInputCostsNothing()
    {
        var summary = CostAnalyzer.Analyze(new MemoryStream(), 1, (_, _, _) => Assert.Fail("no bytes, no call"));
        Assert.Equal(new CostSummary(1, 0, 0, 0, 0, 0), summary);
    }

    [Fact]
    public void EveryByteCostsSomethingAndTheFirstAboutAByte()
    {
        byte[] input = File.ReadAllBytes(Path.Combine(DataDir(), "input.txt"))[..4096];
        int[] all = new int[input.Length];
        CostAnalyzer.Analyze(new MemoryStream(input), 1, (offset, _, costs) => costs.CopyTo(all.AsSpan((int)offset)));
        Assert.All(all, c => Assert.True(c > 0));
        Assert.InRange(all[0] / (double)Ilog.One, 6.0, 12.0);  // an untrained model: about 8 bits (10.1 at level 1)
    }

    [Fact]
    public void SilencingAPartCostsBitsOnRepetitiveText()
    {
        // Text repeated: the match model carries the second copy, so silencing it must cost a lot.
        byte[] text = File.ReadAllBytes(Path.Combine(DataDir(), "input.txt"))[..8192];
        byte[] twice = [.. text, .. text];
        var parts = CostAnalyzer.MeasureParts(twice, 1);
        Assert.Equal(CostAnalyzer.PartNames(1), parts.Select(p => p.Name));
        var match = parts.Single(p => p.Name.StartsWith("match", StringComparison.Ordinal));
        Assert.True(match.SavedBits > 1000, $"match saved {match.SavedBits} bits");
        Assert.All(parts, p => Assert.Equal(parts[0].Cost, p.Cost));

        long baseline = 0;
        CostAnalyzer.Analyze(new MemoryStream(twice), 1, (_, _, costs) =>
        {
            foreach (int c in costs)
            {
                baseline += c;
            }
        }, inputLength: twice.Length);
        Assert.Equal(baseline, parts[0].Cost);
    }

    private static string DataDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "data", "golden");
            if (File.Exists(Path.Combine(candidate, "input.txt")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/data/golden not found above " + AppContext.BaseDirectory);
    }
}
