using CMix.Maps;
using CMix.Mixing;
using CMix.Numerics;

namespace CMix.Models;

/// <summary>
/// Unhashed order-n contexts: for each order, an adaptive map indexed directly by the last n
/// bytes and the partial byte (order 0: 256 entries, order 1: 2^16, order 2: 2^24), one input
/// each, stretch(p). No collisions and no bit histories: a plain probability beside the hashed
/// ones.
/// </summary>
/// <remarks>
/// Memory: 4 bytes × 2^(8n + 8) per order. Call order as every <see cref="ModelPart"/>.
/// </remarks>
public sealed class DirectModel : ModelPart
{
    /// <summary>Direct maps in a level's table.</summary>
    /// <param name="Order">bytes of history in the context (0..2)</param>
    /// <param name="Limit">the map's count limit (how slowly it settles; 1..1023)</param>
    public sealed record Spec(int Order, int Limit) : PartSpec
    {
        /// <inheritdoc/>
        public override int Inputs => 1;

        /// <inheritdoc/>
        public override long Bytes => 4L << (8 * Order + 8);

        /// <inheritdoc/>
        public override ModelPart Build(CodingState state) => new DirectModel(state, this);
    }

    private readonly CodingState _state;
    private readonly StateMap _map;
    private readonly int _order;

    private DirectModel(CodingState state, Spec spec)
    {
        if (spec.Order is < 0 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), spec.Order, "direct orders are 0..2");
        }

        _state = state;
        _order = spec.Order;
        _map = new StateMap(1 << (8 * spec.Order + 8), spec.Limit);
    }

    /// <inheritdoc/>
    public override int Inputs => 1;

    /// <inheritdoc/>
    public override void Mix(Mixer m)
    {
        int c0 = _state.C0;
        int cx = _order == 0 ? c0 : (int)((_state.History.C4 << 8) & ((1u << (8 * _order + 8)) - 1)) | c0;
        m.Add(Stretch.D(_map.P(cx)));
    }

    /// <inheritdoc/>
    public override void Update(int y) => _map.Update(y);
}
