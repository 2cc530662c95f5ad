using System.Diagnostics;
using System.Runtime.CompilerServices;
using CMix.Maps;
using CMix.Memory;
using CMix.Mixing;
using CMix.Numerics;

namespace CMix.Models;

/// <summary>
/// Dynamic Markov coding (Cormack and Horspool): a bit-level state machine that starts as one
/// binary tree per byte and grows by cloning a state whenever it is entered often from one
/// predecessor and often from others, so states come to stand for ever longer, variable-length
/// contexts without any hashing. Its counts give a prediction unlike the hashed bit histories'.
/// </summary>
/// <remarks>
/// Inputs (2): stretch of the current state's count ratio, and an adaptive map on that ratio
/// (6 bits) × the state's total count (4 buckets). Counts are fixed point, 1.0 = 16; a state's
/// counts halve when their sum passes 255. When the node pool is full the machine starts over from
/// the trees. All integer, so the same on every machine. Memory: 16 bytes × the node limit.
/// </remarks>
public sealed unsafe class DmcModel : ModelPart
{
    /// <summary>Mixer inputs added per bit.</summary>
    public const int InputCount = 2;

    /// <summary>A DMC model in a level's table.</summary>
    /// <param name="NodeBits">log2 of the node limit (10..26; 16 bytes a node)</param>
    public sealed record Spec(int NodeBits) : PartSpec
    {
        /// <inheritdoc/>
        public override int Inputs => InputCount;

        /// <inheritdoc/>
        public override long Bytes => 16L << NodeBits;

        /// <inheritdoc/>
        public override ModelPart Build(CodingState state) => new DmcModel(NodeBits, state);
    }

    private const int One = 16;            // count 1.0
    // Cloning thresholds: an edge taken twice into a state entered twice from elsewhere (other
    // thresholds measured: docs/EXPERIMENTS.md).
    private const int CloneFrom = 2 * One;   // count on the edge taken
    private const int CloneOthers = 2 * One; // count the target has from its other edges
    private const int Halve = 255 * One;

    // 4 ints per node, so a node is one 16-byte read: next state on 0, on 1, then count of 0, of 1.
    private readonly NativeBlock _block;
    private int* _node;  // in _block
    private readonly int _limit;
    private int _nodes;
    private int _s;                   // current node
    private readonly StateMap _sm = new(64 * 4);
    private readonly CodingState? _state;  // null when driven directly (tests)

    /// <param name="nodeBits">log2 of the node limit</param>
    public DmcModel(int nodeBits)
    {
        Debug.Assert(nodeBits >= 10 && nodeBits <= 26);
        _limit = 1 << nodeBits;
        _block = LargeTable.Alloc((nuint)16 << nodeBits);  // zeroed: untouched nodes cost nothing
        _node = (int*)_block.Pointer;
        Reset();
    }

    private DmcModel(int nodeBits, CodingState state)
        : this(nodeBits)
    {
        _state = state;
    }

    private DmcModel(DmcModel source, CodingState state)
    {
        _block = LargeTable.Copy(source._block);
        _node = (int*)_block.Pointer;
        _limit = source._limit;
        _nodes = source._nodes;
        _s = source._s;
        _sm = source._sm.Clone();
        _state = state;
    }

    /// <inheritdoc/>
    internal override void RestartRates() => _sm.RestartCounts();

    /// <inheritdoc/>
    internal override ModelPart CloneFor(CodingState state) => new DmcModel(this, state);

    /// <inheritdoc/>
    public override int Inputs => InputCount;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Update(int y) => Update(y, _state!.BitPos < 7 ? (_state.C0 << 1) | y : 1);

    /// <summary>Back to 255 tree nodes, one per partial byte (node c0 - 1), the leaves leading to the root.</summary>
    private void Reset()
    {
        for (int c0 = 1; c0 < 256; c0++)
        {
            int i = c0 - 1;
            for (int b = 0; b < 2; b++)
            {
                int child = (c0 << 1) | b;
                _node[4 * i + b] = child < 256 ? child - 1 : 0;
                _node[4 * i + 2 + b] = One;
            }
        }

        _nodes = 255;
    }

    /// <summary>States in use (255 after a reset, at most the node limit).</summary>
    internal int Nodes => _nodes;

    /// <summary>The current state's count ratio as a 12-bit probability of a 1, in [1, 4095].</summary>
    internal int P()
    {
        int n0 = _node[4 * _s + 2], n1 = _node[4 * _s + 3];
        int total = n0 + n1;
        int p = (int)(((long)n1 * 4096 + (total >> 1)) / total);
        return Math.Clamp(p, 1, 4095);
    }

    /// <summary>Adds this model's inputs for the next bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Mix(Mixer m)
    {
        int total = _node[4 * _s + 2] + _node[4 * _s + 3];
        int p = P();
        m.Add(Stretch.D(p));
        int conf = total < 3 * One ? 0 : total < 8 * One ? 1 : total < 32 * One ? 2 : 3;
        m.Add(Stretch.D(_sm.P(((p >> 6) << 2) | conf)));
    }

    /// <summary>Follows (and perhaps clones) the edge for bit <paramref name="y"/>.</summary>
    /// <param name="y">the coded bit</param>
    /// <param name="c0Next">the partial byte after this bit (1 at a byte boundary), where a reset restarts</param>
    public void Update(int y, int c0Next)
    {
        _sm.Update(y);
        int e = 4 * _s + y;           // the edge taken; its count is at e + 2
        int t = _node[e];
        int ne = _node[e + 2];
        int tTotal = _node[4 * t + 2] + _node[4 * t + 3];
        if (ne >= CloneFrom && tTotal - ne >= CloneOthers)
        {
            if (_nodes == _limit)
            {
                Reset();
                _s = c0Next - 1;
                return;
            }

            int u = _nodes++;
            int share = (int)(((long)ne << 16) / tTotal);
            for (int b = 0; b < 2; b++)
            {
                int moved = (int)(((long)_node[4 * t + 2 + b] * share) >> 16);
                _node[4 * u + 2 + b] = Math.Max(moved, 1);
                _node[4 * t + 2 + b] = Math.Max(_node[4 * t + 2 + b] - moved, 1);
                _node[4 * u + b] = _node[4 * t + b];
            }

            _node[e] = u;
            t = u;
        }

        int c = e + 2;
        _node[c] += One;
        if (_node[c] + _node[c ^ 1] > Halve)
        {
            _node[c] = (_node[c] + 1) >> 1;
            _node[c ^ 1] = (_node[c ^ 1] + 1) >> 1;
        }

        _s = t;
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _node = null;
        _block.Dispose();
    }
}
