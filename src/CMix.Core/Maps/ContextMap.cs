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
    private readonly byte*[] _slot0;   // first-nibble slot of the current byte (holds the run record)
    private readonly uint[] _sm;    // [context * 256 + state]
    private readonly int[] _smIndex;
    private readonly byte[] _state;
    private readonly int _limit;
    private int _node;
    private int _known;
    private readonly int[] _run;       // per context: count << 8 | byte, 0 = no run known
    private readonly uint[] _runSm;    // [context * 64 + min(count, 31) * 2 + expected bit]
    private readonly int[] _runIndex;

    /// <param name="contexts">number of contexts</param>
    /// <param name="hashBits">log2 of the shared table's bucket count</param>
    /// <param name="limit">state map count limit</param>
    public ContextMap(int contexts, int hashBits, int limit = 1023)
    {
        _n = contexts;
        _table = new HashTable(hashBits);
        _hash = new uint[contexts];
        _slot = new byte*[contexts];
        _slot0 = new byte*[contexts];
        _sm = new uint[contexts * 256];
        _smIndex = new int[contexts];
        _state = new byte[contexts];
        _limit = limit;
        _run = new int[contexts];
        _runSm = new uint[contexts * 64];
        _runIndex = new int[contexts];
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
            _slot0[i] = _slot[i];
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
            _table.Prefetch(_hash[i]);
        }

        for (int i = 0; i < _n; i++)
        {
            // The run record of the byte just completed lives in the previous first-nibble slot.
            byte* old = _slot0[i];
            if (old[HashTable.RunOffset + 1] != 0 && old[HashTable.RunOffset] == lastByte)
            {
                if (old[HashTable.RunOffset + 1] < 255)
                {
                    old[HashTable.RunOffset + 1]++;
                }
            }
            else
            {
                old[HashTable.RunOffset] = (byte)lastByte;
                old[HashTable.RunOffset + 1] = 1;
            }

            byte* slot = _table.Find(_hash[i]);
            _slot[i] = slot;
            _slot0[i] = slot;
            _run[i] = slot[HashTable.RunOffset] | (slot[HashTable.RunOffset + 1] << 8);
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
        int offset = HashTable.StateOffset + _node;
        int known = 0;
        short* x = m.Reserve(_n * InputsPerContext);
        fixed (uint* sm = _sm, runSm = _runSm)
        fixed (short* stretch = Stretch.Table, confidence = s_confidence)
        {
            for (int i = 0; i < _n; i++, x += InputsPerContext)
            {
                int s = _slot[i][offset];
                known += s != 0 ? 1 : 0;
                _state[i] = (byte)s;
                int idx = (i << 8) | s;
                _smIndex[i] = idx;
                x[0] = stretch[sm[idx] >> 20];
                x[1] = confidence[s];

                // The run input: the byte last seen after this context, while it agrees with c0.
                int run = _run[i];
                int rb = (run & 0xFF) | 0x100;
                if ((run >> 8) != 0 && (rb >> (8 - bitPos)) == c0)
                {
                    int bit = (rb >> (7 - bitPos)) & 1;
                    int ri = (i << 6) | (Math.Min(run >> 8, 31) << 1) | bit;
                    _runIndex[i] = ri;
                    x[2] = stretch[runSm[ri] >> 20];
                }
                else
                {
                    _runIndex[i] = -1;
                    x[2] = 0;
                }
            }
        }

        _known = known;
    }

    /// <summary>Trains the state maps and advances each context's bit history with bit <paramref name="y"/>.</summary>
    public void Update(int y)
    {
        int offset = HashTable.StateOffset + _node;
        fixed (uint* sm = _sm, runSm = _runSm)
        {
            for (int i = 0; i < _n; i++)
            {
                StateMap.Train(ref sm[_smIndex[i]], y, _limit);
                int ri = _runIndex[i];
                if (ri >= 0)
                {
                    StateMap.Train(ref runSm[ri], y, 255);
                }

                _slot[i][offset] = StateTable.Next(_state[i], y);
            }
        }
    }

    /// <summary>How many contexts had a non-empty history at the current node (0..Count), as of the last <see cref="Mix"/>.</summary>
    public int Known => _known;

    /// <summary>Frees the hash table.</summary>
    public void Dispose() => _table.Dispose();
}
