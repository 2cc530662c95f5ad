using CMix.Models;
using K4os.Hash.xxHash;
using Xunit;

namespace CMix.Core.Tests.Models;

public sealed class ByteClassTests
{
    [Fact]
    public void TableIsPinned()
    {
        // Mixer weight sets are chosen by these classes: a change alters every archive. Bump the
        // model version and regenerate the ledger and golden archives instead of editing this.
        Assert.Equal(ExpectedChecksum, XXH64.DigestOf(ByteClass.Table));
    }

    [Theory]
    [InlineData(' ', ByteClass.Space)]
    [InlineData('q', ByteClass.Lower)]
    [InlineData('Q', ByteClass.Upper)]
    [InlineData('7', ByteClass.Digit)]
    [InlineData('[', ByteClass.Markup)]
    [InlineData('=', ByteClass.Markup)]
    [InlineData('\n', ByteClass.Newline)]
    [InlineData(0xE6, ByteClass.HighBit)]
    [InlineData(',', ByteClass.Other)]
    [InlineData('\t', ByteClass.Other)]
    public void ClassesAreAsDocumented(int c, int expected) => Assert.Equal(expected, ByteClass.Of(c));

    [Fact]
    public void EveryByteHasAClassInRangeAndWordsAreLettersOrUtf8()
    {
        for (int c = 0; c < 256; c++)
        {
            int cls = ByteClass.Of(c);
            Assert.InRange(cls, 0, ByteClass.Count - 1);
            Assert.Equal(char.IsAsciiLetter((char)c) || c >= 128, ByteClass.IsWord(cls));
        }
    }

    private const ulong ExpectedChecksum = 3987867575869089142UL;
}
