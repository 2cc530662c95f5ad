using CMix.Analysis;
using Xunit;

namespace CMix.Core.Tests.Analysis;

public sealed class CostProfileTests
{
    [Fact]
    public void WindowsMergeAndStayBounded()
    {
        var profile = new CostProfile();
        byte[] bytes = new byte[1 << 20];
        int[] costs = new int[bytes.Length];
        costs.AsSpan().Fill(3);
        for (int i = 0; i < 4; i++)
        {
            profile.Add((long)i * bytes.Length, bytes, costs);
        }

        long length = 4L << 20;
        var windows = profile.Windows;
        Assert.True(windows.Count <= CostProfile.MaxWindows);
        Assert.Equal(length, windows.Sum(w => w.Bytes));
        Assert.Equal(3 * length, windows.Sum(w => w.Cost));
        Assert.All(windows, w => Assert.Equal(profile.WindowSize, w.Bytes));
        Assert.Equal(length / CostProfile.MaxWindows * 2, profile.WindowSize);
        for (int i = 1; i < windows.Count; i++)
        {
            Assert.Equal(windows[i - 1].Start + windows[i - 1].Bytes, windows[i].Start);
        }
    }

    [Fact]
    public void LogWindowsCoverTheInputAndGrow()
    {
        var profile = new CostProfile();
        byte[] bytes = new byte[100_000];
        int[] costs = new int[bytes.Length];
        costs.AsSpan().Fill(1);
        profile.Add(0, bytes, costs);
        var log = profile.LogWindows;
        Assert.Equal(0, log[0].Start);
        Assert.Equal(1, log[0].Bytes);
        Assert.Equal(bytes.Length, log.Sum(w => w.Bytes));
        for (int i = 1; i < log.Count; i++)
        {
            Assert.Equal(log[i - 1].Start + log[i - 1].Bytes, log[i].Start);
            Assert.True(log[i].Bytes >= log[i - 1].Bytes || i == log.Count - 1);
        }

        // Eight windows an octave: about 8 × log2(100,000) ≈ 133, fewer where the first ones are one byte.
        Assert.InRange(log.Count, 100, 140);
    }

    [Fact]
    public void ClassesFollowTheBytes()
    {
        var profile = new CostProfile();
        byte[] bytes = "aZ9 \n.<é\u0001"u8.ToArray();
        int[] costs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        profile.Add(0, bytes, costs);
        Assert.Equal(2, profile.BytesOf(ByteKind.Letter));
        Assert.Equal(3, profile.CostOf(ByteKind.Letter));
        Assert.Equal(3, profile.CostOf(ByteKind.Digit));
        Assert.Equal(9, profile.CostOf(ByteKind.Space));
        Assert.Equal(6, profile.CostOf(ByteKind.Punctuation));
        Assert.Equal(7, profile.CostOf(ByteKind.Markup));
        Assert.Equal(8, profile.CostOf(ByteKind.Utf8Lead));
        Assert.Equal(9, profile.CostOf(ByteKind.Utf8Continuation));
        Assert.Equal(10, profile.CostOf(ByteKind.Binary));
    }

    [Fact]
    public void OutOfOrderCostsAreRefused()
    {
        var profile = new CostProfile();
        Assert.Throws<ArgumentException>(() => profile.Add(5, new byte[1], new int[1]));
    }
}
