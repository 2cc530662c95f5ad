using System.Diagnostics;
using CMix.Numerics;

namespace CMix.Models;

/// <summary>
/// What the recent bytes say about the text, computed once per byte and read by every part,
/// selector and SSE stage that needs it: words, word length, byte classes, lines, brackets,
/// punctuation and the last XML tag.
/// </summary>
/// <remarks>
/// Call <see cref="Update"/> once per coded byte, after the history has it and before any reader
/// hashes the coming byte's contexts. Words: letters (ASCII folded to lower case) and every byte
/// ≥ 128, so UTF-8 text counts; <see cref="W0"/> is the current partial word (0 between words),
/// W1..W3 the words before it. Two views of the byte classes exist because the model reads both
/// and each starts differently: <see cref="Classes"/> (newest lowest, starts as class 0) and
/// <see cref="Classes4"/> (newest highest, starts as four zero bytes' class).
/// </remarks>
public sealed class TextState
{
    private readonly History _h;
    private bool _lineStarting = true;
    private bool _inTagName;
    private uint _tagName;

    /// <param name="history">the shared history, whose start position counts as a line start</param>
    public TextState(History history)
    {
        _h = history;
        LineStart = PrevLineStart = history.Position;
        int empty = ByteClass.Of(0);  // the history starts as zero bytes
        Classes4 = (empty << 9) | (empty << 6) | (empty << 3) | empty;
    }

    /// <summary>A copy of <paramref name="source"/> that reads <paramref name="history"/> (a copy of its history).</summary>
    private TextState(TextState source, History history)
    {
        _h = history;
        _lineStarting = source._lineStarting;
        _inTagName = source._inTagName;
        _tagName = source._tagName;
        W0 = source.W0;
        W1 = source.W1;
        W2 = source.W2;
        W3 = source.W3;
        WordEnded = source.WordEnded;
        WordLength = source.WordLength;
        Classes = source.Classes;
        Classes4 = source.Classes4;
        LineStart = source.LineStart;
        PrevLineStart = source.PrevLineStart;
        LineFirst = source.LineFirst;
        Bracket = source.Bracket;
        Nest = source.Nest;
        Depth = source.Depth;
        Puncts = source.Puncts;
        Tag = source.Tag;
    }

    /// <summary>A copy of this state over <paramref name="history"/>, a copy of its history (<c>Predictor.Clone</c>).</summary>
    internal TextState CloneFor(History history) => new(this, history);

    /// <summary>Hash of the current word so far, 0 between words.</summary>
    public uint W0 { get; private set; }

    /// <summary>Hash of the last complete word.</summary>
    public uint W1 { get; private set; }

    /// <summary>Hash of the word before <see cref="W1"/>.</summary>
    public uint W2 { get; private set; }

    /// <summary>Hash of the word before <see cref="W2"/>.</summary>
    public uint W3 { get; private set; }

    /// <summary>Whether the last byte ended a word (which is now <see cref="W1"/>).</summary>
    public bool WordEnded { get; private set; }

    /// <summary>Bytes of the current word (letters of either case, UTF-8 bytes), at most 255; 0 after any other byte.</summary>
    public int WordLength { get; private set; }

    /// <summary><see cref="ByteClass"/> of every recent byte, 3 bits each, the newest lowest (starts 0).</summary>
    public ulong Classes { get; private set; }

    /// <summary><see cref="ByteClass"/> of the last four bytes, 3 bits each, the newest highest (12 bits).</summary>
    public int Classes4 { get; private set; }

    /// <summary>Position of the current line's first byte (the history's start before any newline).</summary>
    public long LineStart { get; private set; }

    /// <summary>Position of the previous line's first byte.</summary>
    public long PrevLineStart { get; private set; }

    /// <summary>Bytes since the last newline (or since the start).</summary>
    public long Column => _h.Position - LineStart;

    /// <summary>First byte of the current line; right after a newline still the previous line's.</summary>
    public int LineFirst { get; private set; }

    /// <summary>The innermost bracket ( [ { &lt; opened since a bracket last closed, else 0.</summary>
    public uint Bracket { get; private set; }

    /// <summary>Open brackets ( [ { &lt; as 1..4, 3 bits each, innermost lowest, at most 8 deep.</summary>
    public uint Nest { get; private set; }

    /// <summary>How many brackets <see cref="Nest"/> holds (0..8).</summary>
    public int Depth { get; private set; }

    /// <summary>The last three punctuation bytes (class <see cref="ByteClass.Markup"/> or <see cref="ByteClass.Other"/>), newest lowest.</summary>
    public int Puncts { get; private set; }

    /// <summary>Hash of the last XML tag's name (an end tag's includes its '/').</summary>
    public uint Tag { get; private set; }

    /// <summary>Advances the state past byte <paramref name="c"/>, the history's newest.</summary>
    public void Update(int c)
    {
        Debug.Assert(c >= 0 && c < 256 && _h.Back(1) == c);
        int cls = ByteClass.Of(c);
        Classes = (Classes << 3) | (uint)cls;
        Classes4 = (Classes4 >> 3) | (cls << 9);
        WordLength = ByteClass.IsWord(cls) ? Math.Min(WordLength + 1, 255) : 0;
        UpdateWords(c);
        if (cls is ByteClass.Markup or ByteClass.Other)
        {
            Puncts = ((Puncts << 8) | c) & 0xFFFFFF;
        }

        UpdateBrackets(c);
        UpdateTag(c);
        if (_lineStarting)
        {
            LineFirst = c;
            _lineStarting = false;
        }

        if (c == '\n')
        {
            PrevLineStart = LineStart;
            LineStart = _h.Position;
            _lineStarting = true;
        }
    }

    private void UpdateWords(int c)
    {
        int lc = c is >= 'A' and <= 'Z' ? c + ('a' - 'A') : c;
        WordEnded = false;
        if (lc is >= 'a' and <= 'z' || c >= 128)
        {
            W0 = Hashing.Combine(W0, (uint)lc);
        }
        else if (W0 != 0)
        {
            W3 = W2;
            W2 = W1;
            W1 = W0;
            W0 = 0;
            WordEnded = true;
        }
    }

    private void UpdateBrackets(int c)
    {
        int open = c switch { '(' => 1, '[' => 2, '{' => 3, '<' => 4, _ => 0 };
        if (open != 0)
        {
            Bracket = (uint)c;
            if (Depth < 8)
            {
                Nest = (Nest << 3) | (uint)open;
                Depth++;
            }
        }
        else if (c is ')' or ']' or '}' or '>')
        {
            Bracket = 0;
            if (Depth > 0)
            {
                Nest >>= 3;
                Depth--;
            }
        }
    }

    private void UpdateTag(int c)
    {
        if (c == '<')
        {
            _inTagName = true;
            _tagName = 0;
        }
        else if (_inTagName && (c is ' ' or '>' || (c == '/' && _tagName != 0)))
        {
            _inTagName = false;
            Tag = _tagName;
        }
        else if (_inTagName)
        {
            _tagName = Hashing.Combine(_tagName, (uint)c);
        }
    }
}
