using System.Runtime.CompilerServices;
using CMix.Maps;
using CMix.Numerics;
using CMix.Prediction;

namespace CMix.Models;

/// <summary>
/// Computes the byte-boundary context hashes of the order-N, word and sparse models and hands
/// them to the context map, in a fixed order (orders, then words, then sparse).
/// </summary>
/// <remarks>
/// Order n hashes the last n bytes. Words: letters (ASCII folded to lower case, and every byte
/// ≥ 128 so UTF-8 text counts) form the current word; the contexts are the current word with
/// the last byte, the bigram and the trigram. While <see cref="BinaryDetector"/> calls the
/// recent bytes binary, the word slots take the last byte with the position mod 4, the high
/// nibbles of the last four bytes and bytes 1 and 4 back (with the extra word slots: the last two
/// bytes with the position mod 4, and bytes 2 and 4 back). Sparse: single bytes 2 and 3 back,
/// bytes 3–4, and the text column with the byte above. At level 9 the <see cref="TextModel"/>'s
/// contexts follow the extra text contexts.
/// </remarks>
public sealed class ContextHasher
{
    private readonly ModelSettings _settings;
    private readonly History _h;
    private uint _word0, _word1, _word2;
    private readonly StructureModel _structure = new();
    private readonly ushort[] _after1 = new ushort[256];
    private readonly ushort[] _after2 = new ushort[65536];
    private uint _punct;     // last byte that is not a letter, digit, space, newline or UTF-8
    private uint _bracket;   // innermost open bracket ([ { ( <) since its closing one, else 0
    private long _lineStart;
    private long _prevLineStart;
    private readonly BinaryDetector _binary = new();
    private readonly TextModel? _text;

    public ContextHasher(ModelSettings settings, History history)
    {
        _settings = settings;
        _h = history;
        _text = settings.TextModel ? new TextModel(history) : null;
    }

    /// <summary>The current word hashed with the one before (for an SSE context).</summary>
    internal uint WordPairHash => _word0 ^ (_word1 * 7);

    /// <summary>The current word's hash, 0 between words (for an SSE context).</summary>
    internal uint Word0Hash => _word0;

    /// <summary>The last complete word's hash (for an SSE context).</summary>
    internal uint Word1Hash => _word1;

    /// <summary>Updates word and line state with the newest byte and sets every context's hash.</summary>
    /// <param name="cm">the context map to set</param>
    /// <param name="expectedByte">the match model's expected byte for the coming byte, or -1 (read only by the text model)</param>
    /// <param name="matchLength">the match model's length, 0 when none (read only by the text model)</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Compute(ContextMap cm, int expectedByte = -1, int matchLength = 0)
    {
        int c = _h.Back(1);
        if (_h.Position > 0)
        {
            UpdateWords(c);
            _structure.Update(c);
            if (_h.Position > 1)
            {
                // Indirect: the bytes that followed the previous occurrences of the last byte / last two bytes.
                int c1 = _h.Back(2), c2 = _h.Back(3);
                _after1[c1] = (ushort)((_after1[c1] << 8) | c);
                _after2[(c2 << 8) | c1] = (ushort)((_after2[(c2 << 8) | c1] << 8) | c);
            }

            UpdateText(c);
            _binary.Update(c);
            _text?.Update(c);
        }

        // Hashes are gathered first and handed to the map in one loop: one inlined Set instead of
        // one per context keeps this method small (the self-extracting stub counts its bytes).
        Span<uint> hs = stackalloc uint[cm.Count];
        int i = 0;
        foreach (int order in _settings.Orders)
        {
            hs[i++] = OrderHash(order);
        }

        if (_settings.Words && _binary.IsBinary)
        {
            // Word contexts mean nothing in machine code and tables: the same slots take
            // alignment and nibble contexts there (see BinaryDetector).
            uint c4 = _h.C4;
            uint align = (uint)(_h.Position & 3);
            hs[i++] = Hashing.Combine(0xB1u, (c4 & 0xFF) | (align << 8));
            hs[i++] = Hashing.Combine(0xB2u, c4 & 0xF0F0F0F0u);
            hs[i++] = Hashing.Combine(0xB3u, c4 & 0xFF0000FFu);
            if (_settings.WordsExtra)
            {
                hs[i++] = Hashing.Combine(0xB4u, (c4 & 0xFFFF) | (align << 16));
                hs[i++] = Hashing.Combine(0xB5u, c4 & 0xFF00FF00u);
            }
        }
        else if (_settings.Words)
        {
            hs[i++] = Hashing.Combine(_word0, (uint)c);
            hs[i++] = Hashing.Combine(_word0, _word1 * 31);
            hs[i++] = Hashing.Combine(_word0, _word1, _word2);
            if (_settings.WordsExtra)
            {
                hs[i++] = Hashing.Combine(_word0 + 0x51u, _word2);
                hs[i++] = Hashing.Combine(_word1 + 0x77u, (uint)c | ((uint)_h.Back(2) << 8));
            }
        }

        if (_settings.Sparse)
        {
            uint c4 = _h.C4;
            hs[i++] = c4 & 0xFF00u;
            hs[i++] = c4 & 0xFF0000u;
            hs[i++] = c4 & 0xFFFF0000u;
            long column = Math.Min(_h.Position - _lineStart, 255);
            int above = _lineStart - _prevLineStart > column && _lineStart > 0 ? _h.At(_prevLineStart + column) : 0;
            hs[i++] = (uint)((column << 16) | ((long)above << 8) | (uint)c);
        }

        if (_settings.SparseExtra)
        {
            uint c4 = _h.C4, c8 = _h.C8;
            hs[i++] = Hashing.Combine(c4 & 0xFF00FFu, 0xABCDu);
            hs[i++] = Hashing.Combine(c4 & 0xFFFF00u, 0xABCEu);
            hs[i++] = Hashing.Combine(c4 & 0xFF000000u, 0xABCFu);
            hs[i++] = Hashing.Combine(0x1234u, c8 & 0xFFu, 0xABD0u);
            hs[i++] = Hashing.Combine(0x4321u, c8 & 0xFFFFu, 0xABD1u);
            hs[i++] = Hashing.Combine(c4 & 0xFF00FF00u, 0xABD2u);
        }

        if (_settings.Structure)
        {
            uint state = _structure.State;
            hs[i++] = Hashing.Combine(state, _word0 + 0x3A1u);
            hs[i++] = Hashing.Combine(state + 0x9E1u, _h.C4 & 0xFFFF);
        }

        if (_settings.TextExtra)
        {
            hs[i++] = Hashing.Combine(_word1 + 0x1111u, _word2);
            hs[i++] = Hashing.Combine(_word0 + 0x4444u, _punct);
            hs[i++] = Hashing.Combine(_word0 + 0x5555u, (uint)Math.Min(_h.Position - _lineStart, 63));
            hs[i++] = Hashing.Combine(_bracket + 0x7777u, _word0 ^ (uint)c);
        }

        if (_text is not null)
        {
            _text.Compute(hs.Slice(i, TextModel.Contexts), expectedByte, matchLength);
            i += TextModel.Contexts;
        }

        if (_settings.Indirect)
        {
            int c2 = _h.Back(2);
            hs[i++] = Hashing.Combine((uint)c, _after1[c]);
            hs[i++] = Hashing.Combine(_h.C4 & 0xFFFF, _after2[(c2 << 8) | c]);
        }

        for (int k = 0; k < i; k++)
        {
            cm.Set(k, hs[k]);
        }

        // ModelSettings.ContextCount must count exactly what is set above: the span (cm.Count long)
        // refuses one too many, this catches too few (which would leave contexts silently unused).
        // Once per byte, always predicted.
        if (i != cm.Count)
        {
            throw new InvalidOperationException($"context hasher set {i} contexts but the map has {cm.Count}");
        }
    }

    /// <summary>Tracks the last punctuation byte and the innermost open bracket.</summary>
    private void UpdateText(int c)
    {
        if (c is '[' or '{' or '(' or '<')
        {
            _bracket = (uint)c;
        }
        else if (c is ']' or '}' or ')' or '>')
        {
            _bracket = 0;
        }

        int cls = ByteClass.Of(c);
        if (cls is ByteClass.Markup or ByteClass.Other)
        {
            _punct = (uint)c;
        }
    }

    private uint OrderHash(int order)
    {
        uint c4 = _h.C4;
        switch (order)
        {
            case 1: return c4 & 0xFF;
            case 2: return c4 & 0xFFFF;
            case 3: return c4 & 0xFFFFFF;
            case 4: return c4;
        }

        uint hash = Hashing.Combine(c4, (uint)order);
        if (order <= 8)
        {
            uint mask = order == 8 ? 0xFFFFFFFFu : (1u << ((order - 4) * 8)) - 1;
            return Hashing.Combine(hash, _h.C8 & mask);
        }

        hash = Hashing.Combine(hash, _h.C8);
        for (int k = 9; k <= order; k++)
        {
            hash = Hashing.Combine(hash, (uint)_h.Back(k));
        }

        return hash;
    }

    private void UpdateWords(int c)
    {
        if (c >= 'A' && c <= 'Z')
        {
            c += 'a' - 'A';
        }

        bool letter = (c >= 'a' && c <= 'z') || c >= 128;
        if (letter)
        {
            _word0 = Hashing.Combine(_word0, (uint)c);
        }
        else if (_word0 != 0)
        {
            _word2 = _word1;
            _word1 = _word0;
            _word0 = 0;
        }

        if (c == '\n')
        {
            _prevLineStart = _lineStart;
            _lineStart = _h.Position;
        }
    }
}
