using System.Diagnostics;
using System.Runtime.CompilerServices;
using CMix.Maps;
using CMix.Memory;
using CMix.Mixing;
using CMix.Numerics;

namespace CMix.Models;

/// <summary>
/// Predicts the next bit from the longest recent repeat of the current context: the byte that
/// followed the last occurrence of the previous <c>MinLength</c> bytes is the expected byte, and
/// its bits are predicted with a strength learned per match length.
/// </summary>
/// <remarks>
/// Inputs (2): stretch(p) of an adaptive map on (length bucket, expected bit), and a signed
/// term growing with the length; both 0 when no match is active. Call order: <see cref="Mix(Mixer)"/>
/// before each bit, <see cref="Update"/> after it; <see cref="ByteUpdate"/> after the history
/// has the new byte: at <see cref="ModelPart.OnByte"/> when other parts read the coming byte's
/// prediction (the text contexts hash it), else at <see cref="ModelPart.BeginByte"/>, with the
/// table entry prefetched first. Memory: 4 bytes × 2^hashBits plus the shared history.
/// </remarks>
public sealed unsafe class MatchModel : ModelPart
{
    /// <summary>Mixer inputs added per bit.</summary>
    public const int InputCount = 2;

    /// <summary>A match model in a level's table.</summary>
    /// <param name="HashBits">log2 of the position table's entries (4 bytes each)</param>
    /// <param name="MinLength">bytes that must agree before the model predicts (2..32)</param>
    /// <param name="UpdateOnByte">whether the match is extended at <see cref="ModelPart.OnByte"/>, so the coming byte's prediction is known to the other parts' <see cref="ModelPart.Prefetch"/></param>
    public sealed record Spec(int HashBits, int MinLength, bool UpdateOnByte = false) : PartSpec
    {
        /// <inheritdoc/>
        public override int Inputs => InputCount;

        /// <inheritdoc/>
        public override long Bytes => 4L << HashBits;

        /// <inheritdoc/>
        public override ModelPart Build(CodingState state) => new MatchModel(state, this);
    }

    private const int MaxLength = 65535;

    private readonly History _h;
    private readonly CodingState? _state;  // null when driven directly (tests)
    private readonly bool _updateOnByte;
    private int _prefetchedSlot;          // the slot PrefetchEntry hashed, valid at _prefetchedAt
    private long _prefetchedAt = -1;      // the history position it was hashed at, -1 = none
    private readonly int _minLength;
    private readonly NativeBlock _block;
    private uint* _table;  // low 32 bits of the position after each hashed context, 0 = none (in _block)
    private readonly int _hashMask;
    private readonly StateMap _sm = new(64 * 2);
    private long _ptr;               // position of the predicted byte
    private int _len;                // current match length in bytes, 0 = none
    private int _expectedByte;       // predicted byte + 256, or 0 when the prediction failed this byte
    private int _expectedBit;

    /// <param name="history">shared history</param>
    /// <param name="hashBits">log2 of the position table size</param>
    /// <param name="minLength">bytes that must match before a prediction is made</param>
    public MatchModel(History history, int hashBits, int minLength)
    {
        Debug.Assert(minLength >= 2 && minLength <= 32);
        _h = history;
        _minLength = minLength;
        _block = LargeTable.Alloc((nuint)4 << hashBits);
        _table = (uint*)_block.Pointer;
        _hashMask = (1 << hashBits) - 1;
    }

    /// <summary>The part <paramref name="spec"/> describes; the first built becomes <paramref name="state"/>'s <see cref="CodingState.Match"/>.</summary>
    private MatchModel(CodingState state, Spec spec)
        : this(state.History, spec.HashBits, spec.MinLength)
    {
        _state = state;
        _updateOnByte = spec.UpdateOnByte;
        state.Match ??= this;
    }

    private MatchModel(MatchModel source, CodingState state)
    {
        _h = state.History;
        _state = state;
        _updateOnByte = source._updateOnByte;
        _prefetchedSlot = source._prefetchedSlot;
        _prefetchedAt = source._prefetchedAt;
        _minLength = source._minLength;
        _block = LargeTable.Copy(source._block);
        _table = (uint*)_block.Pointer;
        _hashMask = source._hashMask;
        _sm = source._sm.Clone();
        _ptr = source._ptr;
        _len = source._len;
        _expectedByte = source._expectedByte;
        _expectedBit = source._expectedBit;
        state.Match ??= this;
    }

    /// <inheritdoc/>
    internal override void RestartRates() => _sm.RestartCounts();

    /// <inheritdoc/>
    internal override ModelPart CloneFor(CodingState state) => new MatchModel(this, state);

    /// <inheritdoc/>
    public override int Inputs => InputCount;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]  // into the predictor's direct call
    public override void Mix(Mixer m) => Mix(m, _state!.C0, _state.BitPos);

    /// <inheritdoc/>
    public override void OnByte()
    {
        if (_updateOnByte)
        {
            ByteUpdate();
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Prefetch()
    {
        if (!_updateOnByte)
        {
            PrefetchEntry();
        }
    }

    /// <inheritdoc/>
    public override void BeginByte()
    {
        if (!_updateOnByte)
        {
            ByteUpdate();
        }
    }

    /// <summary>Current match length in bytes (0 when none).</summary>
    public int Length => _expectedByte != 0 ? _len : 0;

    /// <summary>The expected next bit (valid when <see cref="Length"/> &gt; 0).</summary>
    public int ExpectedBit => _expectedBit;

    /// <summary>The expected byte, or -1 when no match is active.</summary>
    public int ExpectedByte => _len > 0 && _expectedByte != 0 ? _expectedByte & 255 : -1;

    /// <summary>Length quantised to [0, 15] for mixer and APM contexts.</summary>
    public int LengthBucket
    {
        get
        {
            int l = Length;
            return l == 0 ? 0 : l < 16 ? (l + 1) / 2 : l < 32 ? 8 + (l - 16) / 4 : l < 64 ? 12 + (l - 32) / 16 : l < 512 ? 14 : 15;
        }
    }

    /// <summary>Call after the history received a new byte: extends or re-finds the match.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ByteUpdate()
    {
        long pos = _h.Position;
        if (_len > 0 && _expectedByte != 0)
        {
            if (_len < MaxLength)
            {
                _len++;
            }

            _ptr++;
        }
        else
        {
            _len = 0;
        }

        if (pos < _minLength)
        {
            _expectedByte = 0;
            return;
        }

        // The slot PrefetchEntry hashed for this same history, or hashed now.
        int slot = _prefetchedAt == pos ? _prefetchedSlot : Slot();
        if (_len == 0)
        {
            uint stored = _table[slot];
            uint distance = (uint)pos - stored;
            if (stored != 0 && distance < (uint)_h.Size - 1)
            {
                long candidate = pos - distance;
                // Count how far back the candidate agrees, up to a useful bound.
                int len = 0;
                while (len < 255 && len < candidate && _h.At(candidate - 1 - len) == _h.At(pos - 1 - len))
                {
                    len++;
                }

                if (len >= _minLength)
                {
                    _len = len;
                    _ptr = candidate;
                }
            }
        }

        _table[slot] = (uint)pos;
        _expectedByte = _len > 0 ? _h.At(_ptr) | 256 : 0;
        if (_len > 0 && pos - _ptr >= _h.Size - 1)
        {
            _len = 0;
            _expectedByte = 0;
        }
    }

    /// <summary>
    /// Starts loading the table entry the next <see cref="ByteUpdate"/> reads and writes: call it
    /// as soon as the history has the new byte and do other per-byte work before ByteUpdate
    /// (the table is megabytes, so the entry is rarely cached).
    /// </summary>
    public unsafe void PrefetchEntry()
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported && _h.Position >= _minLength)
        {
            _prefetchedSlot = Slot();
            _prefetchedAt = _h.Position;
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(_table + _prefetchedSlot);
        }
    }

    /// <summary>The table entry of the last <c>minLength</c> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot() => (int)(Hashing.Finalize(ContextHash()) & (uint)_hashMask);

    /// <summary>Hash of the last <c>minLength</c> bytes: read from the packed history words up to 8 bytes, no loop.</summary>
    private uint ContextHash()
    {
        if (_minLength <= 8)
        {
            ulong last8 = ((ulong)_h.C8 << 32) | _h.C4;
            ulong key = _minLength == 8 ? last8 : last8 & ((1UL << (_minLength * 8)) - 1);
            return Hashing.Combine((uint)key, (uint)(key >> 32) + (uint)_minLength);
        }

        uint hash = 0;
        for (int i = 1; i <= _minLength; i++)
        {
            hash = Hashing.Combine(hash, (uint)_h.Back(i));
        }

        return hash;
    }

    /// <summary>Adds this model's inputs for the next bit of partial byte c0 at bit position bitPos.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Mix(Mixer m, int c0, int bitPos)
    {
        if (_len > 0 && _expectedByte != 0 && (_expectedByte >> (8 - bitPos)) == c0)
        {
            _expectedBit = (_expectedByte >> (7 - bitPos)) & 1;
            int bucket = Math.Min(_len, 63);
            int p = _sm.P(bucket * 2 + _expectedBit);
            m.Add(Stretch.D(p));
            int strength = Math.Min(_len * 64, 2047);
            m.Add(_expectedBit == 1 ? strength : -strength);
        }
        else
        {
            _expectedByte = 0;
            _sm.P(0);
            m.Add(0);
            m.Add(0);
        }
    }

    /// <summary>Trains the length map with the coded bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Update(int y)
    {
        _sm.Update(y);
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _table = null;
        _block.Dispose();
    }
}
