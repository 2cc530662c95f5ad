using CMix.Mixing;

namespace CMix.Gpu;

/// <summary>
/// Many independent mixers ("lanes", e.g. the blocks of a <c>-T</c> archive) stepped together:
/// each lane has <see cref="Sets"/> weight sets of <see cref="Inputs"/> int16 weights and
/// computes exactly what <see cref="ScalarMixerKernel"/> computes on the set it selects.
/// </summary>
/// <remarks>
/// Call order per bit: <see cref="Predict"/> (or <see cref="TrainPredict"/>), then after the
/// bit <see cref="Train"/> with one error per lane; <see cref="TrainPredict"/> is
/// <see cref="Train"/> followed by <see cref="Predict"/> in one call (one GPU round trip).
/// Layouts: inputs <c>[lane][input]</c> (Lanes × Inputs), selections and dots and errors one
/// per lane, weights <c>[lane][set][input]</c> (Lanes × Sets × Inputs). Inputs are any int16
/// (models give ±2047); errors are in [-32767, 32767]; selections in [0, Sets). Weights start
/// at zero. An implementation is not thread-safe.
/// </remarks>
public interface IBatchedMixer : IDisposable
{
    /// <summary>Short name for reports, e.g. "CPU Scalar ×1" or the GPU's name.</summary>
    string Name { get; }

    /// <summary>Independent mixers stepped together.</summary>
    int Lanes { get; }

    /// <summary>Inputs per lane: a positive multiple of <see cref="Mixer.Align"/>.</summary>
    int Inputs { get; }

    /// <summary>Weight sets per lane.</summary>
    int Sets { get; }

    /// <summary>
    /// A buffer of Lanes × Inputs values owned by the mixer: fill it in place and pass it as
    /// <c>x</c> to <see cref="Predict"/> or <see cref="TrainPredict"/> to save one copy (on the
    /// GPU it is pinned memory uploaded directly). Valid until <see cref="IDisposable.Dispose"/>;
    /// refill it before each call (its contents after a call are unspecified).
    /// </summary>
    Span<short> InputBuffer { get; }

    /// <summary>Replaces every weight (Lanes × Sets × Inputs values).</summary>
    void SetWeights(ReadOnlySpan<short> weights);

    /// <summary>Copies every weight out (Lanes × Sets × Inputs values).</summary>
    void GetWeights(Span<short> weights);

    /// <summary>dots[l] = DotProduct(x of lane l, weight set select[l] of lane l); remembers x and select for <see cref="Train"/>.</summary>
    void Predict(ReadOnlySpan<short> x, ReadOnlySpan<int> select, Span<int> dots);

    /// <summary>Trains, in every lane, the set chosen by the last <see cref="Predict"/> on its inputs with errors[l].</summary>
    void Train(ReadOnlySpan<int> errors);

    /// <summary><see cref="Train"/>(errors) then <see cref="Predict"/>(x, select, dots).</summary>
    void TrainPredict(ReadOnlySpan<int> errors, ReadOnlySpan<short> x, ReadOnlySpan<int> select, Span<int> dots);
}
