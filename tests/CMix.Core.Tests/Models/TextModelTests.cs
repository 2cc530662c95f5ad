using System.Text;
using CMix.Models;
using Xunit;

namespace CMix.Core.Tests.Models;

public sealed class TextModelTests
{
    // Indices into TextModel.Compute's hashes, in the order its remarks list them.
    private const int Classes8 = 0;
    private const int IndirectBigram = 1;
    private const int Upper = 5;
    private const int Letters = 9;
    private const int ExpectedByte = 11;
    private const int FirstWordWithW0 = 23;
    private const int IndirectTrigram = 43;
    private const int CasedWord = 47;
    private const int SentenceFirstWithW0 = 48;

    private static uint[] HashesAfter(string text, int expectedByte = -1, int matchLength = 0)
    {
        var history = new History(16);
        var state = new TextState(history);
        var model = new TextModel(history, state);
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            history.Add(b);
            state.Update(b);
            model.Update(b);
        }

        var hashes = new uint[TextModel.Contexts];
        model.Compute(hashes, expectedByte, matchLength);
        return hashes;
    }

    [Fact]
    public void SameBytesGiveSameHashes()
    {
        const string text = "In the beginning God created the heaven and the earth.\n  2 And the earth was ";
        Assert.Equal(HashesAfter(text), HashesAfter(text));
    }

    [Fact]
    public void EveryContextDiffersFromTheOthers()
    {
        // Each context has its own salt, so no two coincide on ordinary text.
        uint[] h = HashesAfter("<title>Cabal</title> \\Cab\"al\\, n. [F. cabale.] See {cabala}. ", 'x', 9);
        Assert.Equal(h.Length, h.Distinct().Count());
    }

    [Fact]
    public void IndirectBigramRemembersWhatFollowedThePreviousWord()
    {
        // Same last bytes, so the byte-class context agrees; what followed "alpha" last time differs.
        uint[] beta = HashesAfter("alpha beta. alpha ");
        uint[] gamma = HashesAfter("alpha gamma. alpha ");
        Assert.Equal(beta[Classes8], gamma[Classes8]);
        Assert.NotEqual(beta[IndirectBigram], gamma[IndirectBigram]);
    }

    [Fact]
    public void IndirectTrigramRemembersWhatFollowedTheLastTwoWords()
    {
        // "one two" was followed by "three" or "four"; the bigram alone ("two") was not.
        uint[] three = HashesAfter("one two three. two five. one two ");
        uint[] four = HashesAfter("one two four. two five. one two ");
        Assert.Equal(three[IndirectBigram], four[IndirectBigram]);
        Assert.NotEqual(three[IndirectTrigram], four[IndirectTrigram]);
    }

    [Fact]
    public void CasedWordContextKeepsTheCaseTheLettersContextFolds()
    {
        Assert.Equal(HashesAfter("x Cab")[Letters], HashesAfter("x cab")[Letters]);
        Assert.NotEqual(HashesAfter("x Cab")[CasedWord], HashesAfter("x cab")[CasedWord]);
    }

    [Fact]
    public void SentenceFirstWordIsKeptUntilTheSentenceEnds()
    {
        Assert.Equal(HashesAfter("x. Gamma delta ep")[SentenceFirstWithW0], HashesAfter("y? Gamma zeta ep")[SentenceFirstWithW0]);
        Assert.NotEqual(HashesAfter("x. Gamma delta ep")[SentenceFirstWithW0], HashesAfter("x. Omega delta ep")[SentenceFirstWithW0]);
    }

    [Fact]
    public void LettersContextSkipsEveryOtherByte()
    {
        Assert.Equal(HashesAfter("xx ab-cd")[Letters], HashesAfter("xx a\"b c*d")[Letters]);
        Assert.NotEqual(HashesAfter("xx ab-cd")[Letters], HashesAfter("xx ab-ce")[Letters]);
    }

    [Fact]
    public void CaseContextSeesCapitals()
    {
        Assert.NotEqual(HashesAfter("said. The")[Upper], HashesAfter("said. the")[Upper]);
    }

    [Fact]
    public void FirstWordOfTheLineIsKept()
    {
        // gcide-style entries: the headword starts the line, the same word follows.
        Assert.Equal(HashesAfter("x\nCammock \\Cam")[FirstWordWithW0], HashesAfter("y\ncammock, Cam")[FirstWordWithW0]);
        Assert.NotEqual(HashesAfter("x\nCammock \\Cam")[FirstWordWithW0], HashesAfter("x\nCamlet \\Cam")[FirstWordWithW0]);
    }

    [Fact]
    public void ExpectedByteContextsFollowTheMatchModel()
    {
        Assert.NotEqual(HashesAfter("the ", 'c', 8)[ExpectedByte], HashesAfter("the ", -1, 0)[ExpectedByte]);
        Assert.NotEqual(HashesAfter("the ", 'c', 8)[ExpectedByte], HashesAfter("the ", 'd', 8)[ExpectedByte]);
    }
}
