using System.Runtime.CompilerServices;
using CMix.Maps;
using CMix.Memory;
using CMix.Mixing;
using CMix.Numerics;

namespace CMix.Models;

/// <summary>
/// Unhashed order-n contexts: for each order, an adaptive map indexed directly by the last n
/// bytes and the partial byte (order 0: 256 entries, order 1: 2^16, order 2: 2^24), one input
/// each, stretch(p), in the order listed. No collisions and no bit histories: a plain
/// probability beside the hashed ones.
/// </summary>
/// <remarks>
/// Memory: 4 bytes × 2^(8n + 8) per order, native. Call order as every <see cref="ModelPart"/>.
/// </remarks>
public sealed unsafe class DirectModel : ModelPart
{
    /// <summary>Direct maps in a level's table.</summary>
    /// <param name="Orders">bytes of history in each map's context (0..2)</param>
    /// <param name="Limit">the maps' count limit (how slowly they settle; 1..1023)</param>
    public sealed record Spec(int[] Orders, int Limit) : PartSpec
    {
        /// <inheritdoc/>
        public override int Inputs => Orders.Length;

        /// <inheritdoc/>
        public override long Bytes
        {
            get
            {
                long bytes = 0;
                foreach (int n in Orders)
                {
                    bytes += 4L << (8 * n + 8);
                }

                return bytes;
            }
        }

        /// <inheritdoc/>
        public override ModelPart Build(CodingState state) => new DirectModel(state, this);
    }

    // A map entry as StateMap keeps it (22-bit probability, 10-bit count), stored XOR Start so
    // that the zeroed table is every entry at its start (p = 1/2, count 0): no entry is written
    // before it is used, and order 2's 64 MB cost only the pages an input reaches.
    private const uint Start = 1u << 31;

    private readonly CodingState _state;
    private readonly NativeBlock[] _blocks;
    private readonly uint*[] _maps;  // each order's entries, in _blocks
    private readonly uint[] _masks;  // of the history's last bytes, shifted above c0
    private readonly int _limit;
    private readonly int[] _chosen;  // entry each map read at the last Mix

    private DirectModel(CodingState state, Spec spec)
    {
        int count = spec.Orders.Length;
        if (count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), "a direct model needs an order");
        }

        _state = state;
        _limit = spec.Limit;
        _blocks = new NativeBlock[count];
        _maps = new uint*[count];
        _masks = new uint[count];
        _chosen = new int[count];
        for (int i = 0; i < count; i++)
        {
            int n = spec.Orders[i];
            if (n is < 0 or > 2)
            {
                throw new ArgumentOutOfRangeException(nameof(spec), n, "direct orders are 0..2");
            }

            _blocks[i] = LargeTable.Alloc((nuint)(4L << (8 * n + 8)));
            _maps[i] = (uint*)_blocks[i].Pointer;
            _masks[i] = (1u << (8 * n + 8)) - 256;
        }
    }

    private DirectModel(DirectModel source, CodingState state)
    {
        int count = source._maps.Length;
        _state = state;
        _limit = source._limit;
        _blocks = new NativeBlock[count];
        _maps = new uint*[count];
        _masks = (uint[])source._masks.Clone();
        _chosen = (int[])source._chosen.Clone();
        for (int i = 0; i < count; i++)
        {
            _blocks[i] = LargeTable.Copy(source._blocks[i]);
            _maps[i] = (uint*)_blocks[i].Pointer;
        }
    }

    /// <inheritdoc/>
    internal override void RestartRates()
    {
        for (int i = 0; i < _maps.Length; i++)
        {
            uint* map = _maps[i];
            long entries = (long)(_blocks[i].Bytes / 4);
            for (long k = 0; k < entries; k++)
            {
                // Written only where the count changes: an untouched entry (0, the start) has
                // count 0, so the pages an input never reached stay unwritten (and uncopied).
                uint t = map[k] ^ Start;
                if ((t & 1023) != 0)
                {
                    map[k] = StateMap.WithCount(t, 0) ^ Start;
                }
            }
        }
    }

    /// <inheritdoc/>
    internal override ModelPart CloneFor(CodingState state) => new DirectModel(this, state);

    /// <inheritdoc/>
    public override int Inputs => _maps.Length;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]  // into the predictor's direct call
    public override void Mix(Mixer m)
    {
        int c0 = _state.C0;
        uint bytes = _state.History.C4 << 8;
        for (int i = 0; i < _maps.Length; i++)
        {
            int cx = (int)(bytes & _masks[i]) | c0;
            _chosen[i] = cx;
            m.Add(Stretch.D((int)((_maps[i][cx] ^ Start) >> 20)));
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]  // into the predictor's direct call
    public override void Update(int y)
    {
        for (int i = 0; i < _maps.Length; i++)
        {
            ref uint entry = ref _maps[i][_chosen[i]];
            uint t = entry ^ Start;
            StateMap.Train(ref t, y, _limit);
            entry = t ^ Start;
        }
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        for (int i = 0; i < _maps.Length; i++)
        {
            _maps[i] = null;
            _blocks[i].Dispose();
        }
    }
}
