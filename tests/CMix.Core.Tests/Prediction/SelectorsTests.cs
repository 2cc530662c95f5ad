using CMix.Apm;
using CMix.Models;
using CMix.Prediction;
using Xunit;

namespace CMix.Core.Tests.Prediction;

/// <summary>
/// The byte-part contract that <see cref="SelectorChoice"/> and <see cref="SseChain"/> rely on: a
/// row never sets the bits the partial byte or bit position fills in, and row | those bits stays
/// inside the selector's weight sets (the stage's contexts) for every text state met.
/// </summary>
public sealed class SelectorsTests
{
    [Fact]
    public void RowsLeaveTheirPerBitBitsFreeAndStayInRange()
    {
        using var history = new History(16);
        var state = new CodingState(history);
        var rng = new Random(21);
        byte[] text = "The <b>quick</b> brown fox, (jumps) over the lazy dog's \"back\"; 1234 times.\n\tÅngström "u8.ToArray();
        for (int i = 0; i < 20_000; i++)
        {
            int c = rng.Next(4) == 0 ? rng.Next(256) : text[rng.Next(text.Length)];
            history.Add(c);
            state.Text.Update(c);
            uint c4 = history.C4;
            foreach (Selector selector in Enum.GetValues<Selector>())
            {
                (int c0Mask, int bitMask, bool perBit) = Selectors.Form(selector);
                if (perBit)
                {
                    Assert.Throws<ArgumentOutOfRangeException>(() => Selectors.Row(selector, c4, state));
                    continue;
                }

                int row = Selectors.Row(selector, c4, state);
                Assert.Equal(0, row & (c0Mask | bitMask));
                Assert.InRange(row | c0Mask | bitMask, 0, Selectors.Sets(selector, contexts: 8) - 1);
            }

            foreach (SseRole role in Enum.GetValues<SseRole>())
            {
                if (role == SseRole.MatchState)
                {
                    continue;
                }

                int row = SseContexts.Row(role, c4, state);
                Assert.Equal(0, row & 0xFF);
                Assert.InRange(row | 0xFF, 0, SseContexts.Count(role) - 1);
            }
        }
    }

    [Fact]
    public void EverySelectorHasAForm()
    {
        // The per-bit ones are exactly those that read the match or context model's per-bit state
        // (or, for C1Uniform, the bits of c0 itself).
        Selector[] perBit = [.. Enum.GetValues<Selector>().Where(s => Selectors.Form(s).PerBit)];
        Assert.Equal(
            [Selector.MatchState, Selector.KnownBit, Selector.C1Uniform, Selector.ExpectedByteBit, Selector.KnownOrdersC0Match,
             Selector.C0Match, Selector.WordLengthC0Match, Selector.ExpectedByteC0],
            perBit);
    }
}
