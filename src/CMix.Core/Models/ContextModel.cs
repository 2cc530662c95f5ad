using System.Runtime.CompilerServices;
using CMix.Maps;
using CMix.Mixing;

namespace CMix.Models;

/// <summary>
/// The hashed contexts: order-n, words, sparse, indirect, markup structure, text extras and the
/// paq8-style <see cref="TextModel"/>, hashed once per byte by a <see cref="ContextHasher"/> into
/// one shared <see cref="ContextMap"/>, whose bit histories give 2 to 4 inputs per context.
/// </summary>
/// <remarks>
/// Byte boundary: <see cref="Prefetch"/> hashes the coming byte's contexts (the text model reads
/// the primary match model's coming prediction, so that model must update at
/// <see cref="ModelPart.OnByte"/>) and starts loading their buckets; <see cref="BeginByte"/>
/// waits for them. Memory: 64 bytes × 2^<see cref="Spec.HashBits"/> plus about 1.3 KB a
/// context (and 1.3 MB of the text model's tables).
/// </remarks>
public sealed unsafe class ContextModel : ModelPart
{
    /// <summary>The context families of a level and the map they share.</summary>
    /// <param name="HashBits">log2 of the hash table's 64-byte buckets</param>
    /// <param name="Orders">context orders, in bytes of history (1..32, each once)</param>
    /// <remarks>
    /// <see cref="Words"/>: the current word with the last byte, the bigram and the trigram (on
    /// binary input, alignment and nibble contexts in the same slots); <see cref="WordsExtra"/>:
    /// the skip-gram word and the word two back, the previous word with the last two bytes;
    /// <see cref="Sparse"/>: bytes 2 and 3 back, bytes 3–4, the text column with the byte above;
    /// <see cref="SparseExtra"/>: bytes (1, 3), (2, 3), 4, 5, (5, 6) and (2, 4) back;
    /// <see cref="Indirect"/>: what followed the last one and two bytes before;
    /// <see cref="Structure"/>: XML and MediaWiki markup state with the word and with the last two bytes;
    /// <see cref="TextExtra"/>: the two previous words, the word with the last punctuation byte,
    /// with its column and with the innermost open bracket; <see cref="TextModel"/>: the
    /// <see cref="Models.TextModel"/>'s contexts. <see cref="RunInputs"/>: a third input per
    /// context, the byte last seen after it; <see cref="LinearInputs"/>: a fourth, the probability
    /// on a linear scale; <see cref="CountOrders"/>: count how many order contexts are known (for a selector).
    /// </remarks>
    public sealed record Spec(int HashBits, int[] Orders) : PartSpec
    {
        /// <summary>The word family.</summary>
        public bool Words { get; init; }

        /// <summary>The extra word family (needs <see cref="Words"/>).</summary>
        public bool WordsExtra { get; init; }

        /// <summary>The sparse family.</summary>
        public bool Sparse { get; init; }

        /// <summary>The extra sparse family.</summary>
        public bool SparseExtra { get; init; }

        /// <summary>The indirect family.</summary>
        public bool Indirect { get; init; }

        /// <summary>The markup structure family.</summary>
        public bool Structure { get; init; }

        /// <summary>The extra text family.</summary>
        public bool TextExtra { get; init; }

        /// <summary>The paq8-style text model's contexts.</summary>
        public bool TextModel { get; init; }

        /// <summary>Whether each context gives the run input.</summary>
        public bool RunInputs { get; init; } = true;

        /// <summary>Whether each context gives the linear input.</summary>
        public bool LinearInputs { get; init; }

        /// <summary>Whether the map counts the known order contexts (<see cref="ContextModel.KnownOrders"/>).</summary>
        public bool CountOrders { get; init; }

        /// <summary>Hashed contexts these families set.</summary>
        public int Count => ContextHasher.Count(this);

        /// <inheritdoc/>
        public override int Inputs => Count * ContextMap.InputsFor(RunInputs, LinearInputs);

        /// <inheritdoc/>
        public override long Bytes => 64L << HashBits;

        /// <inheritdoc/>
        public override ModelPart Build(CodingState state) => new ContextModel(state, this);
    }

    private readonly CodingState _state;
    private readonly ContextMap _cm;
    private readonly ContextHasher _hasher;
    private readonly int _inputs;

    private ContextModel(CodingState state, Spec spec)
    {
        _state = state;
        _hasher = new ContextHasher(spec, state);
        _cm = new ContextMap(spec.Count, spec.HashBits, spec.RunInputs, linearInputs: spec.LinearInputs,
            orderContexts: spec.CountOrders ? spec.Orders.Length : 0);
        _inputs = spec.Inputs;
        _hasher.Compute(_cm);
        _cm.BeginByte(0);
        state.Contexts ??= this;
    }

    private ContextModel(ContextModel source, CodingState state)
    {
        _state = state;
        _hasher = source._hasher.CloneFor(state);
        _cm = source._cm.Clone();
        _inputs = source._inputs;
        state.Contexts ??= this;
    }

    /// <inheritdoc/>
    internal override void RestartRates() => _cm.RestartCounts();

    /// <inheritdoc/>
    internal override ModelPart CloneFor(CodingState state) => new ContextModel(this, state);

    /// <inheritdoc/>
    public override int Inputs => _inputs;

    /// <summary>Contexts with a history at the current node (0..count), as of the last <see cref="Mix"/>.</summary>
    public int Known => _cm.Known;

    /// <summary>Order contexts with a history at the current node, as of the last <see cref="Mix"/> (0 unless the spec counts them).</summary>
    public int KnownOrders => _cm.KnownOrders;

    /// <summary>Hashed contexts.</summary>
    public int Count => _cm.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]  // into the predictor's direct call
    public override void Mix(Mixer m) => _cm.Mix(m.Reserve(_inputs), _state.C0, _state.BitPos);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]  // into the predictor's direct call
    public override void Update(int y) => _cm.Update(y);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Prefetch()
    {
        MatchModel? match = _state.Match;
        _hasher.Compute(_cm, match?.ExpectedByte ?? -1, match?.Length ?? 0);
        _cm.Prefetch();
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void BeginByte() => _cm.BeginByte(_state.History.Back(1));

    /// <inheritdoc/>
    public override void Dispose() => _cm.Dispose();
}
