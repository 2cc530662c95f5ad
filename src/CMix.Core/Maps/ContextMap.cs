using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CMix.Memory;
using CMix.Numerics;

namespace CMix.Maps;

/// <summary>
/// A set of hashed contexts sharing one <see cref="HashTable"/>. For each context and each bit
/// it looks up the bit history of the current node, maps it to a probability through the
/// context's own adaptive state map, and gives the mixer stretch(p), a confidence term for
/// deterministic histories (only one bit value ever seen), unless built without it a run
/// input (the byte last seen after this context, through an adaptive map on run length and bit)
/// and, where built with it, the same probability once more on a linear scale, (p − 2048) / 4.
/// </summary>
/// <remarks>
/// Call order: <see cref="Set"/> each context's 32-bit hash for the coming byte once the last
/// bit of the current one is known (before or after that bit's <see cref="Update"/>, which reads
/// the hashes only at bit 2), <see cref="Prefetch"/>, then after that last Update
/// <see cref="BeginByte"/>, then per bit <see cref="Mix"/> before and <see cref="Update"/> after. Slots are fetched at bit 0 (hash of the context) and bit 4 (hash of the context and
/// the high nibble). Memory: the hash table, about 1.3 KB per context and 14 KB of table copies.
/// </remarks>
public sealed unsafe partial class ContextMap : IDisposable
{
    private static readonly short[] s_confidence = BuildConfidence();

    // Count limit of the run maps: a run's evidence is recent by nature, so they adapt faster.
    private const int RunLimit = 255;

    /// <summary>What one context carries between calls; kept in one native array so the bit loops run without bounds checks.</summary>
    private struct Slot
    {
        public byte* Current;   // nibble slot of the current node
        public byte* First;     // first-nibble slot of the current byte (holds the run record)
        public uint Hash;       // context hash for the coming byte
        public int SmIndex;     // state map entry used at the last Mix
        public int Run;         // min(count, 31) << 8 | byte, 0 = no run known
        public int State;       // bit-history state read at the last Mix
    }

    private readonly HashTable _table;
    private readonly int _n;
    private readonly NativeBlock _slots;    // owns _ctx, _active and _activeRun
    private Slot* _ctx;
    private int* _active;              // contexts whose run input was live at the last Mix
    private int* _activeRun;           // and the run map entry each read (trained by Update)
    private int _activeCount;
    private readonly int _limit;
    private readonly int _inputs;      // inputs per context: 2, +1 with the run input, +1 with the linear one
    private readonly bool _runs;
    private readonly bool _linear;
    private readonly int _orders;      // leading contexts counted by KnownOrders
    private int _knownOrders;
    private int _node;
    private int _c0;      // partial byte and bit position of the last Mix
    private int _bitPos;
    private int _known;

    // One native block for the per-context maps and private copies of the constant tables the
    // bit loops read, so those loops hold plain pointers (no pinning, no bounds or static-init checks).
    private readonly NativeBlock _block;
    private readonly uint* _sm;        // [context * 256 + state]
    private readonly uint* _runSm;     // [context * 64 + min(count, 31) * 2 + expected bit]
    private readonly short* _stretch;  // Stretch.Table
    private readonly short* _confidence;
    private readonly int* _reciprocals; // StateMap.Reciprocals
    private readonly byte* _next;      // StateTable.NextTable

    /// <param name="contexts">number of contexts</param>
    /// <param name="hashBits">log2 of the shared table's bucket count</param>
    /// <param name="runInputs">whether each context gives the run input as its third</param>
    /// <param name="limit">state map count limit</param>
    /// <param name="linearInputs">whether each context also gives its probability on a linear scale (after the run input)</param>
    /// <param name="orderContexts">how many leading contexts <see cref="KnownOrders"/> counts (the order-n ones)</param>
    public ContextMap(int contexts, int hashBits, bool runInputs = true, int limit = 1023, bool linearInputs = false, int orderContexts = 0)
    {
        Debug.Assert(orderContexts >= 0 && orderContexts <= contexts);
        _inputs = InputsFor(runInputs, linearInputs);
        _runs = runInputs;
        _linear = linearInputs;
        _orders = orderContexts;
        _n = contexts;
        _table = new HashTable(hashBits);
        _slots = LargeTable.Alloc((nuint)(contexts * (sizeof(Slot) + 2 * sizeof(int))));
        _ctx = (Slot*)_slots.Pointer;
        _active = (int*)(_ctx + contexts);
        _activeRun = _active + contexts;
        _limit = limit;
        ReadOnlySpan<short> stretchTable = Stretch.Table;
        ReadOnlySpan<byte> nextTable = StateTable.NextTable;
        nuint bytes = (nuint)(contexts * 256 * 4 + contexts * 64 * 4 + stretchTable.Length * 2 + 256 * 2 + StateMap.Reciprocals.Length * 4 + nextTable.Length);
        _block = LargeTable.Alloc(bytes);
        _sm = (uint*)_block.Pointer;
        _runSm = _sm + contexts * 256;
        _reciprocals = (int*)(_runSm + contexts * 64);
        _stretch = (short*)(_reciprocals + StateMap.Reciprocals.Length);
        _confidence = _stretch + stretchTable.Length;
        _next = (byte*)(_confidence + 256);
        stretchTable.CopyTo(new Span<short>(_stretch, stretchTable.Length));
        s_confidence.CopyTo(new Span<short>(_confidence, 256));
        StateMap.Reciprocals.CopyTo(new Span<int>(_reciprocals, StateMap.Reciprocals.Length));
        nextTable.CopyTo(new Span<byte>(_next, nextTable.Length));
        for (int i = 0; i < contexts * 64; i++)
        {
            int count = (i >> 1) & 31;
            int bit = i & 1;
            int p = bit == 1 ? 4095 - 2048 / (count + 2) : 2048 / (count + 2);
            _runSm[i] = (uint)p << 20;
        }

        var init = StateMap.ForStates();
        for (int i = 0; i < contexts; i++)
        {
            for (int s = 0; s < 256; s++)
            {
                _sm[i * 256 + s] = (uint)init.P(s) << 20;
            }
        }

        for (int i = 0; i < contexts; i++)
        {
            _ctx[i].Current = _table.Find(Hashing.Hash((uint)i, 0));
            _ctx[i].First = _ctx[i].Current;
        }
    }

    private static short[] BuildConfidence()
    {
        // A deterministic history with n repeats of one bit: ±(n × 64) capped, signed toward that bit.
        var c = new short[256];
        for (int s = 1; s < StateTable.Count; s++)
        {
            int n0 = StateTable.N0(s), n1 = StateTable.N1(s);
            if (n0 == 0)
            {
                c[s] = (short)Math.Min(2047, n1 * 96);
            }
            else if (n1 == 0)
            {
                c[s] = (short)-Math.Min(2047, n0 * 96);
            }
        }

        return c;
    }

    /// <summary>Number of contexts.</summary>
    public int Count => _n;

    /// <summary>Inputs this map adds to the mixer per context and bit (2 to 4).</summary>
    public int InputsPerContext => _inputs;

    /// <summary>Inputs per context and bit for a map built with or without the run and linear inputs.</summary>
    public static int InputsFor(bool runInputs, bool linearInputs = false) => 2 + (runInputs ? 1 : 0) + (linearInputs ? 1 : 0);

    /// <summary>Bytes held by the hash table.</summary>
    public long Bytes => _table.Bytes;

    /// <summary>Sets context <paramref name="i"/>'s hash for the coming byte (call once the current byte's last bit is known; see the remarks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int i, uint hash)
    {
        // A real check, not an assert: _ctx is native memory (once per context and byte, always predicted).
        if ((uint)i >= (uint)_n)
        {
            ThrowBadContext(i, _n);
        }

        _ctx[i].Hash = Hashing.Hash((uint)i, hash);
    }

    // Out of line, so the check inlined at every Set call site stays a compare and a jump (the
    // self-extracting stub's size counts every byte of them).
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadContext(int i, int n) =>
        throw new ArgumentOutOfRangeException(nameof(i), i, $"the map has {n} contexts");

    /// <summary>
    /// Starts loading the buckets of the hashes just <see cref="Set"/>: call it as soon as they are,
    /// and do other per-byte work before <see cref="BeginByte"/>, which waits for them.
    /// </summary>
    public void Prefetch()
    {
        Slot* ctx = _ctx;
        for (int i = 0; i < _n; i++)
        {
            _table.Prefetch(ctx[i].Hash);
        }
    }

    /// <summary>Fetches the first-nibble slots; call after all <see cref="Set"/> calls of a byte (and best after <see cref="Prefetch"/>).</summary>
    /// <param name="lastByte">the byte just completed (updates the run entries of the previous contexts)</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void BeginByte(int lastByte)
    {
        Slot* ctx = _ctx;

        for (int i = 0; i < _n; i++)
        {
            // The run record of the byte just completed lives in the previous first-nibble slot;
            // it is only read for the run input, so a map without that input does not keep one.
            if (_runs)
            {
                RecordRun(ctx[i].First, lastByte);
            }

            byte* slot = _table.Find(ctx[i].Hash);
            ctx[i].Current = slot;
            ctx[i].First = slot;
            // The run map only distinguishes counts up to 31; clamp once here, not per bit.
            ctx[i].Run = slot[HashTable.RunOffset] | (Math.Min((int)slot[HashTable.RunOffset + 1], 31) << 8);
        }
    }

    /// <summary>Counts another repeat of <paramref name="lastByte"/> in a first-nibble slot's run record, or restarts it with that byte.</summary>
    private static void RecordRun(byte* slot, int lastByte)
    {
        if (slot[HashTable.RunOffset + 1] != 0 && slot[HashTable.RunOffset] == lastByte)
        {
            if (slot[HashTable.RunOffset + 1] < 255)
            {
                slot[HashTable.RunOffset + 1]++;
            }
        }
        else
        {
            slot[HashTable.RunOffset] = (byte)lastByte;
            slot[HashTable.RunOffset + 1] = 1;
        }
    }

    /// <summary>
    /// Writes <see cref="InputsPerContext"/> inputs per context, <see cref="Count"/> ×
    /// <see cref="InputsPerContext"/> in all, at <paramref name="x"/> (a mixer's reserved inputs),
    /// for the node given by partial byte <paramref name="c0"/> at bit <paramref name="bitPos"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Mix(short* x, int c0, int bitPos)
    {
        Debug.Assert(bitPos >= 0 && bitPos < 8);
        Slot* ctx = _ctx;
        if (bitPos == 4)
        {
            // Update prefetched both candidates for these buckets when bit 2 was known.
            uint nib = (uint)c0 * 0x3F1u;
            for (int i = 0; i < _n; i++)
            {
                ctx[i].Current = _table.Find(ctx[i].Hash + nib);
            }
        }

        _c0 = c0;
        _bitPos = bitPos;
        _node = bitPos < 4 ? c0 : (1 << (bitPos - 4)) | (c0 & ((1 << (bitPos - 4)) - 1));
        Debug.Assert(_node >= 1 && _node <= 15);
        int offset = HashTable.StateOffset + _node;
        int known = 0;
        int inputs = _inputs;
        short* runInputs = x + 2;
        uint* sm = _sm;
        short* stretch = _stretch;
        short* confidence = _confidence;
        if (_linear)
        {
            MixLinear(x, offset);
        }
        else
        {
            for (int i = 0; i < _n; i++, x += inputs)
            {
                ref Slot c = ref ctx[i];
                int s = c.Current[offset];
                known += s != 0 ? 1 : 0;
                c.State = s;
                int idx = (i << 8) | s;
                c.SmIndex = idx;
                x[0] = stretch[sm[idx] >> 20];
                x[1] = confidence[s];
            }

            _known = known;
        }

        if (_runs)
        {
            MixRuns(runInputs, c0, bitPos);
        }

        int orders = 0;
        for (int i = 0; i < _orders; i++)
        {
            orders += ctx[i].State != 0 ? 1 : 0;
        }

        _knownOrders = orders;
    }

    /// <summary>
    /// <see cref="Mix"/>'s state-map inputs with the linear one as each context's last: the same
    /// probability as (p − 2048) / 4, which weighs confident predictions less than stretch does
    /// (the divisor's measurements: docs/EXPERIMENTS.md).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void MixLinear(short* x, int offset)
    {
        Slot* ctx = _ctx;
        uint* sm = _sm;
        short* stretch = _stretch;
        short* confidence = _confidence;
        int inputs = _inputs;
        int known = 0;
        for (int i = 0; i < _n; i++, x += inputs)
        {
            ref Slot c = ref ctx[i];
            int s = c.Current[offset];
            known += s != 0 ? 1 : 0;
            c.State = s;
            int idx = (i << 8) | s;
            c.SmIndex = idx;
            int p = (int)(sm[idx] >> 20);
            x[0] = stretch[p];
            x[1] = confidence[s];
            x[inputs - 1] = (short)((p - 2048) >> 2);
        }

        _known = known;
    }

    /// <summary>
    /// Writes the run inputs (every context's third) for the node of <see cref="Mix"/>, and keeps
    /// the list of contexts whose run still agrees with the partial byte.
    /// </summary>
    /// <remarks>
    /// A run that disagrees with the partial byte stays dead for the rest of the byte, and its
    /// input lane stays 0 (the mixer keeps input lanes between bits, and only this method writes
    /// them). So bit 0 visits every context and later bits only the list that is still live:
    /// on text about half the run work of a byte. The output is the same as visiting every
    /// context every bit with the dead ones masked to 0.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MixRuns(short* x, int c0, int bitPos)
    {
        Slot* ctx = _ctx;
        uint* runSm = _runSm;
        short* stretch = _stretch;
        int* active = _active;
        int* activeRun = _activeRun;
        int inputs = _inputs;
        int live = 0;
        if (bitPos == 0)
        {
            // Every recorded run agrees with the empty partial byte; its expected bit is the byte's top bit.
            for (int i = 0; i < _n; i++)
            {
                int run = ctx[i].Run;
                int has = (255 - run) >> 31;   // -1 when a run is recorded (count >= 1)
                int index = (i << 6) | ((run >> 8) << 1) | ((run >> 7) & 1);
                x[i * inputs] = (short)(stretch[runSm[index] >> 20] & has);
                active[live] = i;
                activeRun[live] = index;
                live -= has;
            }
        }
        else
        {
            // The byte last seen after this context, while it agrees with c0. Branch-free (whether
            // a run applies is data, not pattern): a dead run's input is masked to 0 and it drops
            // out of the list. Every listed context has a run recorded.
            int highShift = 8 - bitPos;
            int bitShift = 7 - bitPos;
            int count = _activeCount;
            for (int j = 0; j < count; j++)
            {
                int i = active[j];
                int run = ctx[i].Run;
                int rb = (run & 0xFF) | 0x100;
                int valid = (((rb >> highShift) ^ c0) - 1) >> 31;   // -1 when its high bits are c0
                int index = (i << 6) | ((run >> 8) << 1) | ((rb >> bitShift) & 1);
                x[i * inputs] = (short)(stretch[runSm[index] >> 20] & valid);
                active[live] = i;
                activeRun[live] = index;
                live -= valid;
            }
        }

        _activeCount = live;
    }

    /// <summary>Trains the state maps and advances each context's bit history with bit <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Update(int y)
    {
        int offset = HashTable.StateOffset + _node;
        Slot* ctx = _ctx;
        int limit = _limit;
        uint* sm = _sm;
        int* dt = _reciprocals;
        byte* next = _next;
        for (int i = 0; i < _n; i++)
        {
            ref Slot c = ref ctx[i];
            Train(ref sm[c.SmIndex], y, limit, dt);
            c.Current[offset] = next[c.State * 2 + y];
        }

        if (_runs)
        {
            // Only the runs that gave an input learn.
            uint* runSm = _runSm;
            int* activeRun = _activeRun;
            int count = _activeCount;
            for (int j = 0; j < count; j++)
            {
                Train(ref runSm[activeRun[j]], y, RunLimit, dt);
            }
        }

        if (_bitPos == 2)
        {
            // The second nibble's bucket is one of two now: start loading both, a bit earlier than
            // waiting for bit 3 would (a whole bit's work more to hide the memory latency behind).
            uint nib0 = (uint)((_c0 << 2) | (y << 1)) * 0x3F1u;
            uint nib1 = nib0 + 0x3F1u;
            for (int i = 0; i < _n; i++)
            {
                uint hash = ctx[i].Hash;
                _table.Prefetch(hash + nib0);
                _table.Prefetch(hash + nib1);
            }
        }
    }

    /// <summary><see cref="StateMap.Train"/> with the reciprocal table already pinned (the same arithmetic).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Train(ref uint t, int y, int limit, int* dt)
    {
        // One load and one store of t: the steps work on a local copy.
        uint v = t;
        int n = (int)(v & 1023);
        int p = (int)(v >> 10);
        Debug.Assert(n <= limit, "counts never pass the limit they were trained with");
        v += n < limit ? 1u : 0u;
        long delta = (long)((((y << 22) - p) >> 3) * (long)dt[n]) & ~1023L;
        t = (uint)(v + delta);
    }

    /// <summary>How many contexts had a non-empty history at the current node (0..Count), as of the last <see cref="Mix"/>.</summary>
    public int Known => _known;

    /// <summary>How many of the leading order contexts (see the constructor) had a non-empty history at the current node, as of the last <see cref="Mix"/>.</summary>
    public int KnownOrders => _knownOrders;

    /// <summary>Frees the hash table and the per-context maps; the map must not be used after.</summary>
    public void Dispose()
    {
        _table.Dispose();
        _ctx = null;
        _active = null;
        _activeRun = null;
        _block.Dispose();
        _slots.Dispose();
    }
}
