using System.Runtime.CompilerServices;
using CMix.Maps;
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
/// Memory: 4 bytes × 2^(8n + 8) per order. Call order as every <see cref="ModelPart"/>.
/// </remarks>
public sealed class DirectModel : ModelPart
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

    private readonly CodingState _state;
    private readonly StateMap[] _maps;
    private readonly uint[] _masks;  // of the history's last bytes, shifted above c0

    private DirectModel(CodingState state, Spec spec)
    {
        int count = spec.Orders.Length;
        _state = state;
        _maps = new StateMap[count];
        _masks = new uint[count];
        for (int i = 0; i < count; i++)
        {
            int n = spec.Orders[i];
            if (n is < 0 or > 2)
            {
                throw new ArgumentOutOfRangeException(nameof(spec), n, "direct orders are 0..2");
            }

            _maps[i] = new StateMap(1 << (8 * n + 8), spec.Limit);
            _masks[i] = (1u << (8 * n + 8)) - 256;
        }

        if (count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), "a direct model needs an order");
        }
    }

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
            m.Add(Stretch.D(_maps[i].P((int)(bytes & _masks[i]) | c0)));
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]  // into the predictor's direct call
    public override void Update(int y)
    {
        foreach (StateMap map in _maps)
        {
            map.Update(y);
        }
    }
}
