using System.Text;
using CMix.Models;
using Xunit;

namespace CMix.Core.Tests.Models;

public sealed class BinaryDetectorTests
{
    private static BinaryDetector Feed(ReadOnlySpan<byte> bytes)
    {
        var d = new BinaryDetector();
        foreach (byte b in bytes)
        {
            d.Update(b);
        }

        return d;
    }

    [Fact]
    public void TextOfAnyScriptStaysText()
    {
        string text = "Tab\tseparated, CRLF\r\nlines; Ünïcödé, 日本語のテキスト, and [[links]] {{templates}}.\n";
        var d = Feed(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(text, 50))));
        Assert.False(d.IsBinary);
        Assert.Equal(0, d.Score);
    }

    [Fact]
    public void MachineCodeLikeBytesTurnBinary()
    {
        // mov/call sequences with zero displacement bytes: about 40 % control bytes.
        byte[] code = [0x48, 0x89, 0x05, 0x00, 0x00, 0x00, 0x00, 0xE8, 0x10, 0x02, 0x00, 0x00, 0xC3, 0x90, 0x90];
        var d = Feed(Enumerable.Repeat(code, 20).SelectMany(b => b).ToArray());
        Assert.True(d.IsBinary);
    }

    [Fact]
    public void ShareIsAMovingAverageThatForgets()
    {
        var d = Feed(new byte[300]);                 // all NUL: the score climbs toward 65536
        Assert.True(d.IsBinary);
        Assert.InRange(d.Score, 60000, 65536);
        var after = Encoding.ASCII.GetBytes(new string('a', 200));
        foreach (byte b in after)
        {
            d.Update(b);
        }

        // 200 text bytes over a 64-byte window: (1 - 1/64)^200 of the score is left, about 4 %.
        Assert.False(d.IsBinary);
        Assert.InRange(d.Score, 1000, 4000);
    }

    [Fact]
    public void SwitchesAtTheDocumentedShare()
    {
        // One control byte in 7 (above 1/8) turns binary; one in 9 (below) does not.
        Assert.True(Feed(Pattern(7)).IsBinary);
        Assert.False(Feed(Pattern(9)).IsBinary);

        static byte[] Pattern(int period) =>
            Enumerable.Range(0, 2000).Select(i => (byte)(i % period == 0 ? 0 : 'x')).ToArray();
    }
}
