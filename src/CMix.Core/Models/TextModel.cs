using System.Diagnostics;
using System.Runtime.CompilerServices;
using CMix.Numerics;

namespace CMix.Models;

/// <summary>
/// The strongest level's extra text contexts, in the manner of paq8px's word model: what lies
/// between words (gap tokens), the shapes of the recent bytes (byte-class strings), word skip-grams,
/// indirect word and token contexts, numbers, case, columns and lines, bracket nesting, the last
/// XML tag and the match model's expected byte.
/// </summary>
/// <remarks>
/// <para>
/// Sets <see cref="Contexts"/> hashed contexts, in this order (c1 is the last byte, w0 the
/// current partial word, w1..w3 the words before it, all folded to lower case; a gap is the
/// hash of the bytes between two words, g0 the one since the last word, g1 the one before w0):
/// </para>
/// <list type="number">
/// <item>classes of the last 8 bytes, c1;</item>
/// <item>the word that followed w1 last time, w0 (an indirect bigram);</item>
/// <item>the current and the last number (digit strings), c1;</item>
/// <item>g0, g1, w1;</item>
/// <item>classes of the last 21 bytes, c1;</item>
/// <item>upper-case flags of the last 8 bytes, c1, words since the sentence began (≤ 3);</item>
/// <item>w0 with the classes of the last 8 bytes;</item>
/// <item>the last punctuation byte, bytes since it (≤ 31), c1;</item>
/// <item>g1, w0, c1;</item>
/// <item>the last 6 letters, skipping every byte that is not a letter;</item>
/// <item>w0, w1, classes of the last 3 bytes;</item>
/// <item>the match model's expected byte (or none), c1;</item>
/// <item>the expected byte, the match length (≤ 15);</item>
/// <item>the expected byte, c2, c1;</item>
/// <item>g0, w1;</item>
/// <item>w0, w3, c1 (skip-gram);</item>
/// <item>w0, w1, w3 (skip-gram);</item>
/// <item>classes of the last 10 bytes, c2, c1;</item>
/// <item>the last word before a ':' or '=' (a key), w0, c1;</item>
/// <item>the two bytes that followed the last three bytes last time, c1 (order-3 indirect);</item>
/// <item>the two bytes that followed the current token last time (w0, or the last word in a gap), c1;</item>
/// <item>column, the previous line's length, c1;</item>
/// <item>the first word of the line, c1, words so far on the line (≤ 3);</item>
/// <item>the first word of the line, w0;</item>
/// <item>g0, g1, c1;</item>
/// <item>the shape of the current word (vowel, y or other for its last 4 letters), its length (≤ 6);</item>
/// <item>the high nibbles of the last 16 bytes (a space counts 0);</item>
/// <item>the open brackets ( [ { &lt; (innermost 8), their depth, c1;</item>
/// <item>the open brackets, w0;</item>
/// <item>the column (bytes since the newline, ≤ 255), c2, c1;</item>
/// <item>classes of the last 4 bytes, w1;</item>
/// <item>the column, the line's first byte, c1;</item>
/// <item>the column, c1;</item>
/// <item>the column, the line's first byte, the class of c1;</item>
/// <item>the previous line (hashed), the column;</item>
/// <item>the last three punctuation bytes, c1;</item>
/// <item>the last number, w0, c1;</item>
/// <item>the last two punctuation bytes, c1;</item>
/// <item>the open brackets, c2, c1;</item>
/// <item>the column, the classes of c1 and c2;</item>
/// <item>the last XML tag name, w0;</item>
/// <item>the bracket depth, the line's first byte, c1;</item>
/// <item>bytes since the last punctuation byte (≤ 15), the classes of the last 3 bytes, that punctuation byte, the word's length (≤ 7);</item>
/// <item>the word that followed w2, w1 last time, w0 (an indirect trigram);</item>
/// <item>c3, c2, c1, w1;</item>
/// <item>classes of the last 8 bytes, w1;</item>
/// <item>w2, w1, c1;</item>
/// <item>the current word as written (case kept), c1;</item>
/// <item>the first word of the sentence, w0;</item>
/// <item>g0, w1, w2.</item>
/// </list>
/// <para>
/// Call <see cref="Update"/> once per coded byte (after the history has it), then <see cref="Compute"/>.
/// The first byte of a line is the context's "line's first byte" once the byte after the newline
/// is known; right after the newline it is still the previous line's. Memory: 1.3 MB of indirect tables.
/// </para>
/// </remarks>
public sealed class TextModel
{
    /// <summary>Hashed contexts this model sets.</summary>
    public const int Contexts = 50;

    private const int IndirectBits = 18;

    private readonly History _h;
    private readonly TextState _t;
    private uint _upper;            // 1 bit per recent byte: upper case
    private uint _shape;            // 2 bits per letter of the current word: vowel, y, other
    private ulong _nibbles;         // high nibble of each of the last 16 bytes (a space counts 0)
    private ulong _letters;         // the last letters, 8 bits each, skipping other bytes
    private uint _number0, _number1;
    private uint _w0Cased;          // the current word with its case kept
    private uint _sentenceFirst;    // the first word of the sentence
    private uint _gap0, _gap1;
    private bool _inWord;
    private uint _key;
    private uint _firstWord;
    private int _lineWords;
    private int _wordsInSentence;
    private int _sincePunct;
    private uint _line0, _line1;    // hashes of the current line so far and of the previous line
    private uint _token;            // the last word, whose followers _tokenNext records
    private int _tokenFill;         // followers recorded for _token so far (0..2)
    private readonly uint[] _nextWord = new uint[1 << 16];
    private readonly uint[] _nextWord2 = new uint[1 << 16];  // by w2·w1, the word that followed
    private readonly ushort[] _after3 = new ushort[1 << IndirectBits];
    private readonly ushort[] _tokenNext = new ushort[1 << IndirectBits];

    /// <param name="history">the shared history</param>
    /// <param name="text">the shared text state, updated with each byte before <see cref="Update"/></param>
    public TextModel(History history, TextState text)
    {
        _h = history;
        _t = text;
    }

    private TextModel(TextModel source, History history, TextState text)
        : this(history, text)
    {
        _upper = source._upper;
        _shape = source._shape;
        _nibbles = source._nibbles;
        _letters = source._letters;
        _number0 = source._number0;
        _number1 = source._number1;
        _w0Cased = source._w0Cased;
        _sentenceFirst = source._sentenceFirst;
        _gap0 = source._gap0;
        _gap1 = source._gap1;
        _inWord = source._inWord;
        _key = source._key;
        _firstWord = source._firstWord;
        _lineWords = source._lineWords;
        _wordsInSentence = source._wordsInSentence;
        _sincePunct = source._sincePunct;
        _line0 = source._line0;
        _line1 = source._line1;
        _token = source._token;
        _tokenFill = source._tokenFill;
        source._nextWord.CopyTo(_nextWord, 0);
        source._nextWord2.CopyTo(_nextWord2, 0);
        source._after3.CopyTo(_after3, 0);
        source._tokenNext.CopyTo(_tokenNext, 0);
    }

    /// <summary>A copy of this model over <paramref name="history"/> and <paramref name="text"/>, copies of its own (<c>Predictor.Clone</c>).</summary>
    internal TextModel CloneFor(History history, TextState text) => new(this, history, text);

    /// <summary>Advances the state past byte <paramref name="c"/>, the history's newest (after the text state has it).</summary>
    public void Update(int c)
    {
        Debug.Assert(c >= 0 && c < 256 && (_h.C4 & 0xFF) == c);
        uint c4 = _h.C4;
        uint i3 = Slot((c4 >> 8) & 0xFFFFFF);
        _after3[i3] = (ushort)((_after3[i3] << 8) | c);
        if (_tokenFill < 2)
        {
            uint it = Slot(_token);
            _tokenNext[it] = (ushort)((_tokenNext[it] << 8) | c);
            _tokenFill++;
        }

        int cls = ByteClass.Of(c);
        _upper = (_upper << 1) | (cls == ByteClass.Upper ? 1u : 0u);
        _nibbles = (_nibbles << 4) | (uint)(c == ' ' ? 0 : c >> 4);
        UpdateWords(c);

        if (c is >= '0' and <= '9')
        {
            _number0 = Hashing.Combine(_number0, (uint)c);
        }
        else if (_number0 != 0)
        {
            _number1 = _number0;
            _number0 = 0;
        }

        if (c is '.' or '!' or '?' or '\n')
        {
            _wordsInSentence = 0;
        }

        _sincePunct = cls is ByteClass.Other or ByteClass.Markup ? 0 : _sincePunct + 1;
        _line0 = Hashing.Combine(_line0, (uint)c);
        if (c == '\n')
        {
            _lineWords = 0;
            _line1 = _line0;
            _line0 = 0;
        }
    }

    private void UpdateWords(int c)
    {
        int lc = c is >= 'A' and <= 'Z' ? c + ('a' - 'A') : c;
        bool letter = lc is >= 'a' and <= 'z' || c >= 128;
        if (letter)
        {
            if (!_inWord)
            {
                _gap1 = _gap0;
                _gap0 = 0;
                _inWord = true;
            }

            _letters = (_letters << 8) | (uint)lc;
            _shape = (_shape << 2) | (uint)(lc is 'a' or 'e' or 'i' or 'o' or 'u' ? 1 : lc == 'y' ? 2 : 3);
            _w0Cased = Hashing.Combine(_w0Cased, (uint)c);
            return;
        }

        _inWord = false;
        _shape = 0;
        _gap0 = Hashing.Combine(_gap0, (uint)(c == '\n' ? ' ' : c));
        if (_t.WordEnded)
        {
            // A word just ended: it is W1 now, and the words before it W2 and W3.
            uint word = _t.W1;
            if (c is ':' or '=')
            {
                _key = word;
            }

            if (_lineWords == 0)
            {
                _firstWord = word;
            }

            _lineWords++;
            _wordsInSentence++;
            _token = word;
            _tokenFill = 0;
            _nextWord[(_t.W2 * Hashing.Phi) >> 16] = word;
            _nextWord2[(Hashing.Combine(_t.W3, _t.W2) * Hashing.Phi) >> 16] = word;
            if (_wordsInSentence == 1)
            {
                _sentenceFirst = word;
            }

            _w0Cased = 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Slot(uint key) => (key * Hashing.Phi) >> (32 - IndirectBits);

    /// <summary>The <see cref="Contexts"/> context hashes for the coming byte, in the documented order.</summary>
    internal void Compute(Span<uint> hashes, int expectedByte, int matchLength)
    {
        Debug.Assert(hashes.Length == Contexts);
        Debug.Assert(expectedByte >= -1 && expectedByte < 256 && matchLength >= 0);
        TextState t = _t;
        uint w0 = t.W0, w1 = t.W1, w2 = t.W2, w3 = t.W3;
        uint classes = (uint)t.Classes;
        ulong classesLong = t.Classes;
        int wordLength = t.WordLength;
        int puncts = t.Puncts;
        long lineLength = t.Column;
        int prevLineLength = (int)Math.Min(t.LineStart - t.PrevLineStart, int.MaxValue);
        uint nest = t.Nest;
        int depth = t.Depth;
        uint tag = t.Tag;
        int first = t.LineFirst;
        uint c1 = _h.C4 & 0xFF;
        uint c2c1 = _h.C4 & 0xFFFF;
        uint expected = (uint)(expectedByte + 1);
        uint classes8 = classes & 0xFFFFFF;
        hashes[0] = Hashing.Combine(0xC001u, classes8 | (c1 << 24));
        hashes[1] = Hashing.Combine(0xC003u, _nextWord[(w1 * Hashing.Phi) >> 16], w0);
        hashes[2] = Hashing.Combine(0xC004u, _number0, _number1 ^ c1);
        hashes[3] = Hashing.Combine(Hashing.Combine(0xC006u, _gap0, _gap1), w1);
        hashes[4] = Hashing.Combine(0xC007u, (uint)classesLong, (uint)(classesLong >> 32) ^ (c1 << 16));
        hashes[5] = Hashing.Combine(0xC008u, (_upper & 0xFF) | (c1 << 8) | ((uint)Math.Min(_wordsInSentence, 3) << 16));
        hashes[6] = Hashing.Combine(0xC009u, w0, classes8);
        hashes[7] = Hashing.Combine(0xC00Au, (uint)(puncts & 0xFF) | ((uint)Math.Min(_sincePunct, 31) << 8) | (c1 << 16));
        hashes[8] = Hashing.Combine(Hashing.Combine(0xC00Bu, _gap1, w0), c1);
        hashes[9] = Hashing.Combine(0xC00Cu, (uint)_letters, (uint)(_letters >> 32) & 0xFFFF);
        hashes[10] = Hashing.Combine(0xC00Du, w0, w1 ^ (classes & 0x1FF));
        hashes[11] = Hashing.Combine(0xC00Eu, expected | (c1 << 9));
        hashes[12] = Hashing.Combine(0xC00Fu, expected | ((uint)Math.Min(matchLength, 15) << 9));
        hashes[13] = Hashing.Combine(0xC010u, expected, c2c1);
        hashes[14] = Hashing.Combine(0xC011u, _gap0, w1 ^ (_inWord ? 0u : 1u));
        hashes[15] = Hashing.Combine(Hashing.Combine(0xC013u, w0, w3), c1);
        hashes[16] = Hashing.Combine(Hashing.Combine(0xC014u, w0, w1), w3);
        hashes[17] = Hashing.Combine(0xC015u, (classes & 0x3FFFFFFF) ^ (c2c1 << 14));
        hashes[18] = Hashing.Combine(0xC016u, _key, w0 ^ c1);
        hashes[19] = Hashing.Combine(0xC019u, _after3[Slot(_h.C4 & 0xFFFFFF)], c1);
        hashes[20] = Hashing.Combine(0xC01Au, _tokenNext[Slot(w0 != 0 ? w0 : _token)], c1);
        hashes[21] = Hashing.Combine(0xC01Bu, (uint)Math.Min(lineLength, 255) | ((uint)Math.Min(prevLineLength, 255) << 8) | (c1 << 16));
        hashes[22] = Hashing.Combine(0xC01Cu, _firstWord, c1 | ((uint)Math.Min(_lineWords, 3) << 8));
        hashes[23] = Hashing.Combine(0xC01Du, _firstWord, w0);
        hashes[24] = Hashing.Combine(0xC01Eu, _gap0, _gap1 ^ c1);
        hashes[25] = Hashing.Combine(0xD001u, (_shape & 0xFF) | ((uint)Math.Min(wordLength, 6) << 8));
        hashes[26] = Hashing.Combine(0xD002u, (uint)_nibbles, (uint)(_nibbles >> 32));
        uint column = (uint)Math.Min(lineLength, 255);
        uint lineFirst = (uint)first;
        hashes[27] = Hashing.Combine(0xE001u, nest, (uint)depth | (c1 << 8));
        hashes[28] = Hashing.Combine(0xE002u, nest, w0);
        hashes[29] = Hashing.Combine(0xE003u, column | (c2c1 << 8));
        hashes[30] = Hashing.Combine(0xE004u, classes & 0xFFF, w1);
        hashes[31] = Hashing.Combine(0xE005u, column | (lineFirst << 8) | (c1 << 16));
        hashes[32] = Hashing.Combine(0xE006u, column | (c1 << 8));
        hashes[33] = Hashing.Combine(0xE007u, column | (lineFirst << 8) | ((classes & 7) << 16));
        hashes[34] = Hashing.Combine(0xE009u, _line1, column);
        hashes[35] = Hashing.Combine(0xE00Au, (uint)puncts ^ (c1 << 24));
        hashes[36] = Hashing.Combine(0xE00Bu, _number1, w0 ^ c1);
        hashes[37] = Hashing.Combine(0xE00Cu, (uint)(puncts & 0xFFFF) | (c1 << 16));
        hashes[38] = Hashing.Combine(0xE00Eu, nest, c2c1);
        hashes[39] = Hashing.Combine(0xE00Fu, column | ((classes & 0x3F) << 8));
        hashes[40] = Hashing.Combine(0xE010u, tag, w0);
        hashes[41] = Hashing.Combine(0xE011u, (uint)depth | (lineFirst << 8) | (c1 << 16));
        hashes[42] = Hashing.Combine(0xF00Du, (uint)Math.Min(_sincePunct, 15) | ((classes & 0x1FF) << 4) | ((uint)(puncts & 0xFF) << 13) | ((uint)Math.Min(wordLength, 7) << 21));
        uint w2w1 = Hashing.Combine(w2, w1);
        hashes[43] = Hashing.Combine(0xF101u, _nextWord2[(w2w1 * Hashing.Phi) >> 16], w0);
        hashes[44] = Hashing.Combine(0xF102u, _h.C4 & 0xFFFFFF, w1);
        hashes[45] = Hashing.Combine(0xF103u, classes8, w1);
        hashes[46] = Hashing.Combine(0xF104u, w2w1, c1);
        hashes[47] = Hashing.Combine(0xF105u, _w0Cased, c1);
        hashes[48] = Hashing.Combine(0xF106u, _sentenceFirst, w0);
        hashes[49] = Hashing.Combine(Hashing.Combine(0xF107u, _gap0, w1), w2);
    }
}
