using CMix.Mixing;

namespace CMix.Models;

/// <summary>
/// A part with no inputs of its own that sets the inputs of the part before it to 0 once they are
/// added: with it after a part in a table, the mixer sees that part's lanes as silent (they add
/// nothing to any dot product and their weights never train), while the part itself still runs
/// and updates what selectors, SSE stages and other parts read. The cost analysis builds such
/// tables to measure what a part's inputs are worth; no level's table holds one, so compression
/// never meets it.
/// </summary>
public sealed class MutedInputs : ModelPart
{
    /// <summary>Mutes the <paramref name="Count"/> inputs added just before this part's turn.</summary>
    /// <param name="Count">inputs of the part it follows</param>
    public sealed record Spec(int Count) : PartSpec
    {
        /// <inheritdoc/>
        public override int Inputs => 0;

        /// <inheritdoc/>
        public override long Bytes => 0;

        /// <inheritdoc/>
        public override ModelPart Build(CodingState state) => new MutedInputs(Count);
    }

    private readonly int _count;

    private MutedInputs(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _count = count;
    }

    /// <inheritdoc/>
    internal override ModelPart CloneFor(CodingState state) => new MutedInputs(_count);

    /// <inheritdoc/>
    public override int Inputs => 0;

    /// <inheritdoc/>
    public override void Mix(Mixer m) => m.ClearLast(_count);

    /// <inheritdoc/>
    public override void Update(int y)
    {
    }
}
