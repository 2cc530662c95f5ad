using CMix.Models;
using Xunit;

namespace CMix.Core.Tests.Models;

public sealed class MatchModelTests
{
    /// <summary>Feeds <paramref name="text"/> through a history shared by match models of the given minimum lengths.</summary>
    private static MatchModel[] Feed(string text, params int[] minLengths)
    {
        var history = new History(16);
        MatchModel[] models = [.. minLengths.Select(n => new MatchModel(history, 12, n))];
        foreach (char c in text)
        {
            history.Add(c);
            foreach (MatchModel m in models)
            {
                m.ByteUpdate();
            }
        }

        return models;
    }

    [Fact]
    public void PredictsOnlyAfterItsMinimumLengthRepeats()
    {
        const string unique = "the quick brown fox jumps over a lazy dog; sphinx of black quartz";
        // The last 20 bytes of the text occurred before, followed by 'X'.
        string text = unique[..50] + "X" + "--" + unique[30..50];
        MatchModel[] m = Feed(text, 5, 32);
        Assert.Equal('X', m[0].ExpectedByte);
        Assert.Equal(20, m[0].Length);
        Assert.Equal(-1, m[1].ExpectedByte);

        // Now 40 bytes repeat: the long model predicts too.
        m = Feed(unique[..50] + "X" + "--" + unique[10..50], 5, 32);
        Assert.Equal('X', m[1].ExpectedByte);
        Assert.Equal(40, m[1].Length);
    }

    [Fact]
    public void ALongModelFindsAnOlderLongerContextWhereTheShortOneTakesTheLatestShortOne()
    {
        // P = a + b + 'L' (a long context), Q = a + b[..20] + '?' (agrees with the text for a
        // while, then fails), R = b[14..] + 'S' (the latest, short context). Text: a + b. The
        // short model follows Q, fails at b[20], and re-finds the latest occurrence of its last
        // five bytes: R, which says 'S'. The last 32 bytes of the text occur only in P: 'L'.
        string a = Letters(10, 1), b = Letters(40, 2);
        string text = a + b + "L" + "|1|" + a + b[..20] + "?" + "|2|" + b[14..] + "S" + "|3|" + a + b;
        MatchModel[] m = Feed(text, 5, 32);
        Assert.Equal('S', m[0].ExpectedByte);
        Assert.Equal('L', m[1].ExpectedByte);
        Assert.Equal(50, m[1].Length);
    }

    /// <summary>n pseudo-random lower-case letters (no five of them repeat in these tests).</summary>
    private static string Letters(int n, uint seed)
    {
        var chars = new char[n];
        for (int i = 0; i < n; i++)
        {
            seed = seed * 1664525 + 1013904223;
            chars[i] = (char)('a' + (seed >> 16) % 26);
        }

        return new string(chars);
    }
}
