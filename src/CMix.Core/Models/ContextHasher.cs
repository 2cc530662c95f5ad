using System.Diagnostics;
using System.Runtime.CompilerServices;
using CMix.Maps;
using CMix.Numerics;

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
    /// <summary>Contexts of the word family (or, on binary input, of the slots it lends).</summary>
    private const int WordContexts = 3;

    /// <summary>Contexts of the extra word family.</summary>
    private const int WordExtraContexts = 2;

    /// <summary>Contexts of the sparse family.</summary>
    private const int SparseContexts = 4;

    /// <summary>Contexts of the extra sparse family.</summary>
    private const int SparseExtraContexts = 6;

    /// <summary>Contexts of the structure family.</summary>
    private const int StructureContexts = 2;

    /// <summary>Contexts of the extra text family.</summary>
    private const int TextExtraContexts = 4;

    /// <summary>Contexts of the indirect family.</summary>
    private const int IndirectContexts = 2;

    private readonly ContextModel.Spec _spec;
    private readonly History _h;
    private readonly TextState _t;
    private readonly StructureModel _structure;
    private readonly ushort[] _after1 = new ushort[256];
    private readonly ushort[] _after2 = new ushort[65536];
    private readonly BinaryDetector _binary = new();
    private readonly TextModel? _text;

    /// <param name="spec">the context families to hash</param>
    /// <param name="state">the shared history and text state</param>
    public ContextHasher(ContextModel.Spec spec, CodingState state)
    {
        _spec = spec;
        _h = state.History;
        _t = state.Text;
        _structure = new StructureModel(state.Text);
        _text = spec.TextModel ? new TextModel(state.History, state.Text) : null;
    }

    private ContextHasher(ContextHasher source, CodingState state)
    {
        _spec = source._spec;
        _h = state.History;
        _t = state.Text;
        _structure = source._structure.CloneFor(state.Text);
        source._after1.CopyTo(_after1, 0);
        source._after2.CopyTo(_after2, 0);
        _binary = source._binary.Clone();
        _text = source._text?.CloneFor(state.History, state.Text);
    }

    /// <summary>A copy of this hasher over <paramref name="state"/>, a copy of its own (<c>Predictor.Clone</c>).</summary>
    internal ContextHasher CloneFor(CodingState state) => new(this, state);

    /// <summary>Number of contexts <paramref name="spec"/>'s families set, in the order <see cref="Compute"/> sets them.</summary>
    public static int Count(ContextModel.Spec spec) =>
        spec.Orders.Length + (spec.Words ? WordContexts + (spec.WordsExtra ? WordExtraContexts : 0) : 0)
        + (spec.Sparse ? SparseContexts : 0) + (spec.SparseExtra ? SparseExtraContexts : 0)
        + (spec.Structure ? StructureContexts : 0) + (spec.TextExtra ? TextExtraContexts : 0)
        + (spec.TextModel ? TextModel.Contexts : 0) + (spec.Indirect ? IndirectContexts : 0);

    /// <summary>Updates this hasher's state with the newest byte (the text state already has it) and sets every context's hash.</summary>
    /// <param name="cm">the context map to set</param>
    /// <param name="expectedByte">the match model's expected byte for the coming byte, or -1 (read only by the text model)</param>
    /// <param name="matchLength">the match model's length, 0 when none (read only by the text model)</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Compute(ContextMap cm, int expectedByte = -1, int matchLength = 0)
    {
        int c = _h.Back(1);
        TextState t = _t;
        if (_h.Position > 0)
        {
            _structure.Update(c);
            if (_h.Position > 1)
            {
                // Indirect: the bytes that followed the previous occurrences of the last byte / last two bytes.
                int c1 = _h.Back(2), c2 = _h.Back(3);
                _after1[c1] = (ushort)((_after1[c1] << 8) | c);
                _after2[(c2 << 8) | c1] = (ushort)((_after2[(c2 << 8) | c1] << 8) | c);
            }

            _binary.Update(c);
            _text?.Update(c);
        }

        // Hashes are gathered first and handed to the map in one loop: one inlined Set instead of
        // one per context keeps this method small (the self-extracting stub counts its bytes).
        Span<uint> hs = stackalloc uint[cm.Count];
        int i = 0;
        foreach (int order in _spec.Orders)
        {
            hs[i++] = OrderHash(order);
        }

        int start = i;
        if (_spec.Words && _binary.IsBinary)
        {
            // Word contexts mean nothing in machine code and tables: the same slots take
            // alignment and nibble contexts there (see BinaryDetector).
            uint c4 = _h.C4;
            uint align = (uint)(_h.Position & 3);
            hs[i++] = Hashing.Combine(0xB1u, (c4 & 0xFF) | (align << 8));
            hs[i++] = Hashing.Combine(0xB2u, c4 & 0xF0F0F0F0u);
            hs[i++] = Hashing.Combine(0xB3u, c4 & 0xFF0000FFu);
            if (_spec.WordsExtra)
            {
                hs[i++] = Hashing.Combine(0xB4u, (c4 & 0xFFFF) | (align << 16));
                hs[i++] = Hashing.Combine(0xB5u, c4 & 0xFF00FF00u);
            }
        }
        else if (_spec.Words)
        {
            hs[i++] = Hashing.Combine(t.W0, (uint)c);
            hs[i++] = Hashing.Combine(t.W0, t.W1 * 31);
            hs[i++] = Hashing.Combine(t.W0, t.W1, t.W2);
            if (_spec.WordsExtra)
            {
                hs[i++] = Hashing.Combine(t.W0 + 0x51u, t.W2);
                hs[i++] = Hashing.Combine(t.W1 + 0x77u, (uint)c | ((uint)_h.Back(2) << 8));
            }
        }

        Debug.Assert(i - start == (_spec.Words ? WordContexts + (_spec.WordsExtra ? WordExtraContexts : 0) : 0));

        start = i;
        if (_spec.Sparse)
        {
            uint c4 = _h.C4;
            hs[i++] = c4 & 0xFF00u;
            hs[i++] = c4 & 0xFF0000u;
            hs[i++] = c4 & 0xFFFF0000u;
            long column = Math.Min(t.Column, 255);
            int above = t.LineStart - t.PrevLineStart > column && t.LineStart > 0 ? _h.At(t.PrevLineStart + column) : 0;
            hs[i++] = (uint)((column << 16) | ((long)above << 8) | (uint)c);
        }

        Debug.Assert(i - start == (_spec.Sparse ? SparseContexts : 0));
        start = i;

        if (_spec.SparseExtra)
        {
            uint c4 = _h.C4, c8 = _h.C8;
            hs[i++] = Hashing.Combine(c4 & 0xFF00FFu, 0xABCDu);
            hs[i++] = Hashing.Combine(c4 & 0xFFFF00u, 0xABCEu);
            hs[i++] = Hashing.Combine(c4 & 0xFF000000u, 0xABCFu);
            hs[i++] = Hashing.Combine(0x1234u, c8 & 0xFFu, 0xABD0u);
            hs[i++] = Hashing.Combine(0x4321u, c8 & 0xFFFFu, 0xABD1u);
            hs[i++] = Hashing.Combine(c4 & 0xFF00FF00u, 0xABD2u);
        }

        Debug.Assert(i - start == (_spec.SparseExtra ? SparseExtraContexts : 0));
        start = i;

        if (_spec.Structure)
        {
            uint state = _structure.State;
            hs[i++] = Hashing.Combine(state, t.W0 + 0x3A1u);
            hs[i++] = Hashing.Combine(state + 0x9E1u, _h.C4 & 0xFFFF);
        }

        Debug.Assert(i - start == (_spec.Structure ? StructureContexts : 0));
        start = i;
        if (_spec.TextExtra)
        {
            hs[i++] = Hashing.Combine(t.W1 + 0x1111u, t.W2);
            hs[i++] = Hashing.Combine(t.W0 + 0x4444u, (uint)(t.Puncts & 0xFF));
            hs[i++] = Hashing.Combine(t.W0 + 0x5555u, (uint)Math.Min(t.Column, 63));
            hs[i++] = Hashing.Combine(t.Bracket + 0x7777u, t.W0 ^ (uint)c);
        }

        Debug.Assert(i - start == (_spec.TextExtra ? TextExtraContexts : 0));

        if (_text is not null)
        {
            _text.Compute(hs.Slice(i, TextModel.Contexts), expectedByte, matchLength);
            i += TextModel.Contexts;
        }

        start = i;
        if (_spec.Indirect)
        {
            int c2 = _h.Back(2);
            hs[i++] = Hashing.Combine((uint)c, _after1[c]);
            hs[i++] = Hashing.Combine(_h.C4 & 0xFFFF, _after2[(c2 << 8) | c]);
        }

        Debug.Assert(i - start == (_spec.Indirect ? IndirectContexts : 0));

        for (int k = 0; k < i; k++)
        {
            cm.Set(k, hs[k]);
        }

        // Count must count exactly what is set above: the span (cm.Count long)
        // refuses one too many, this catches too few (which would leave contexts silently unused).
        // Once per byte, always predicted.
        if (i != cm.Count)
        {
            throw new InvalidOperationException($"context hasher set {i} contexts but the map has {cm.Count}");
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
}
