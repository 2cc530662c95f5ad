using System.Diagnostics;
using System.Runtime.CompilerServices;
using CMix.Mixing;
using CMix.Numerics;

namespace CMix.Maps;

/// <summary>
/// A set of hashed contexts sharing one <see cref="HashTable"/>. For each context and each bit
/// it looks up the bit history of the current node, maps it to a probability through the
/// context's own adaptive state map, and gives the mixer two inputs: stretch(p), and a
/// confidence term for deterministic histories (only one bit value ever seen).
/// </summary>
/// <remarks>
/// Call order: <see cref="Set"/> each context's 32-bit hash at a byte boundary (after the byte's
/// last <see cref="Update"/>), then per bit <see cref="Mix"/> before and <see cref="Update"/>
/// after. Slots are fetched at bit 0 (hash of the context) and bit 4 (hash of the context and
/// the high nibble). Memory: the hash table plus 1 KB per context.
/// </remarks>
public sealed unsafe class ContextMap : IDisposable
{
    /// <summary>Inputs this map adds to the mixer per context.</summary>
    public const int InputsPerContext = 3;

    private static readonly short[] s_confidence = BuildConfidence();

    private readonly HashTable _table;
    private readonly int _n;
    private readonly uint[] _hash;
    private readonly byte*[] _slot;
    private readonly uint[] _sm;    // [context * 256 + state]
    private readonly int[] _smIndex;
    private readonly byte[] _state;
    private readonly int _limit;
    private int _node;
    private readonly uint[] _runTable;
    private readonly int _runShift;
    private readonly int[] _runSlot;
    private readonly int[] _run;       // per context: count << 8 | byte, 0 = no run known
    private readonly uint[] _runSm;    // [context * 64 + min(count, 31) * 2 + expected bit]
    private readonly int[] _runIndex;
    private readonly uint[] _runCheck;

    /// <param name="contexts">number of contexts</param>
    /// <param name="hashBits">log2 of the shared table's bucket count</param>
    /// <param name="limit">state map count limit</param>
    public ContextMap(int contexts, int hashBits, int limit = 1023)
    {
        _n = contexts;
        _table = new HashTable(hashBits);
        _hash = new uint[contexts];
        _slot = new byte*[contexts];
        _sm = new uint[contexts * 256];
        _smIndex = new int[contexts];
        _state = new byte[contexts];
        _limit = limit;
        _runTable = new uint[1 << (hashBits + 2)];
        _runShift = 32 - (hashBits + 2);
        _runSlot = new int[contexts];
        _run = new int[contexts];
        _runSm = new uint[contexts * 64];
        _runIndex = new int[contexts];
        _runCheck = new uint[contexts];
        for (int i = 0; i < _runSm.Length; i++)
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
            _slot[i] = _table.Find(Hashing.Hash((uint)i, 0));
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

    /// <summary>Bytes held by the hash table.</summary>
    public long Bytes => _table.Bytes;

    /// <summary>Sets context <paramref name="i"/>'s hash for the coming byte (call at a byte boundary).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int i, uint hash)
    {
        Debug.Assert((uint)i < (uint)_n);
        _hash[i] = Hashing.Hash((uint)i, hash);
    }

    /// <summary>Fetches the first-nibble slots; call after all <see cref="Set"/> calls of a byte.</summary>
    /// <param name="lastByte">the byte just completed (updates the run entries of the previous contexts)</param>
    public void BeginByte(int lastByte)
    {
        for (int i = 0; i < _n; i++)
        {
            ref uint e = ref _runTable[_runSlot[i]];
            uint check = _runCheck[i];
            if ((e >> 16) == check && (e & 0xFF) == lastByte)
            {
                uint count = (e >> 8) & 0xFF;
                e = (check << 16) | (Math.Min(count + 1, 255u) << 8) | (uint)lastByte;
            }
            else
            {
                e = (check << 16) | (1u << 8) | (uint)lastByte;
            }

            int slot = (int)(_hash[i] >> _runShift);
            _runSlot[i] = slot;
            _runCheck[i] = _hash[i] & 0xFFFF;
            uint f = _runTable[slot];
            _run[i] = (f >> 16) == _runCheck[i] ? (int)(f & 0xFFFF) : 0;
        }

        for (int i = 0; i < _n; i++)
        {
            _table.Prefetch(_hash[i]);
        }

        for (int i = 0; i < _n; i++)
        {
            _slot[i] = _table.Find(_hash[i]);
        }
    }

    /// <summary>Adds 2 inputs per context for the node given by partial byte <paramref name="c0"/> at bit <paramref name="bitPos"/>.</summary>
    public void Mix(Mixer m, int c0, int bitPos)
    {
        Debug.Assert(bitPos >= 0 && bitPos < 8);
        if (bitPos == 4)
        {
            uint nib = (uint)c0 * 0x3F1u;
            for (int i = 0; i < _n; i++)
            {
                _table.Prefetch(_hash[i] + nib);
            }

            for (int i = 0; i < _n; i++)
            {
                _slot[i] = _table.Find(_hash[i] + nib);
            }
        }

        _node = bitPos < 4 ? c0 : (1 << (bitPos - 4)) | (c0 & ((1 << (bitPos - 4)) - 1));
        Debug.Assert(_node >= 1 && _node <= 15);
        for (int i = 0; i < _n; i++)
        {
            int s = _slot[i][_node];
            _state[i] = (byte)s;
            int idx = (i << 8) | s;
            _smIndex[i] = idx;
            int p = (int)(_sm[idx] >> 20);
            m.Add(Stretch.D(p));
            m.Add(s_confidence[s]);
            int run = _run[i];
            int rb = (run & 0xFF) | 0x100;
            if ((run >> 8 & 0xFF) != 0 && (rb >> (8 - bitPos)) == c0)
            {
                int bit = (rb >> (7 - bitPos)) & 1;
                int ri = (i << 6) | (Math.Min(run >> 8 & 0xFF, 31) << 1) | bit;
                _runIndex[i] = ri;
                m.Add(Stretch.D((int)(_runSm[ri] >> 20)));
            }
            else
            {
                _runIndex[i] = -1;
                m.Add(0);
            }
        }
    }

    /// <summary>Trains the state maps and advances each context's bit history with bit <paramref name="y"/>.</summary>
    public void Update(int y)
    {
        for (int i = 0; i < _n; i++)
        {
            StateMap.Train(ref _sm[_smIndex[i]], y, _limit);
            if (_runIndex[i] >= 0)
            {
                StateMap.Train(ref _runSm[_runIndex[i]], y, 255);
            }

            _slot[i][_node] = StateTable.Next(_state[i], y);
        }
    }

    /// <summary>How many contexts had a non-empty history at the current node (0..Count).</summary>
    public int Known()
    {
        int k = 0;
        for (int i = 0; i < _n; i++)
        {
            k += _state[i] != 0 ? 1 : 0;
        }

        return k;
    }

    /// <summary>Frees the hash table.</summary>
    public void Dispose() => _table.Dispose();
}
