using CMix.Models;

namespace CMix.Prediction;

/// <summary>Copies of a predictor and the restart of its learning rates (the NCD matrix's tools; never used when coding).</summary>
public sealed partial class Predictor
{
    /// <summary>
    /// A copy of <paramref name="source"/> as it is now: every part, the mixer, the SSE stages, the
    /// history and the text state, with copies of their tables (see <see cref="Clone"/>).
    /// </summary>
    private Predictor(Predictor source)
    {
        _settings = source._settings;
        _state = source._state.Clone();
        _parts = new ModelPart[source._parts.Length];
        for (int i = 0; i < _parts.Length; i++)
        {
            // In table order, so the first match and context models claim the state's slots as
            // the constructor's did.
            _parts[i] = source._parts[i].CloneFor(_state);
        }

        (_cm, _match, _direct) = ThreePartShape(_parts);

        _choice = source._choice.Clone();
        _c2c1Selector = source._c2c1Selector;
        _mixer = source._mixer.Clone();
        _sse = source._sse.Clone();
        _roles = source._roles;  // these arrays are never written after construction: shared
        _rowsAtByteEnd = source._rowsAtByteEnd;
        _rowsAtByteStart = source._rowsAtByteStart;
        _contextInP = source._contextInP;
    }

    /// <summary>
    /// An independent copy of this predictor as it is now, between bits (after an
    /// <see cref="Update"/>, before the next <see cref="P"/>): driven with the same bits from here,
    /// it gives exactly the probabilities this one would. What a model that has learned some bytes
    /// costs on each of several others, without learning them again (the NCD matrix). Memory: as
    /// much again as this predictor has touched (table pages still all zero are not copied).
    /// </summary>
    public Predictor Clone() => new(this);

    /// <summary>
    /// Restarts every learning rate that slows down with use, keeping everything learned: the
    /// counts of the adaptive probability maps (the parts' state, run, match and direct maps, the
    /// adaptive SSE bins) go back to their starting values and the mixer's rate schedule to its
    /// start, while the probabilities, bit histories, weights and the match, DMC and hash tables
    /// stay. The predictor then learns what follows at a fresh predictor's rates, from this one's
    /// knowledge. For the conditional costs of `cmix ncd` (the NCD matrix): a
    /// model whose maps reached their count limits on x adapts to an unrelated y at 1/1024 of
    /// the rate a fresh model starts at, which made C(y|x) exceed C(y). Never called when coding.
    /// </summary>
    internal void RestartRates()
    {
        foreach (ModelPart part in _parts)
        {
            part.RestartRates();
        }

        _mixer.RestartRates();
        _sse.RestartRates();
    }
}
