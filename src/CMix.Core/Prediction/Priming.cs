using System.Runtime.CompilerServices;
using CMix.Numerics;

namespace CMix.Prediction;

/// <summary>
/// Driving a <see cref="Predictor"/> over bytes without an arithmetic coder: <see cref="Learn"/>
/// makes it learn them (a reference before the data it will code), <see cref="Cost"/> also adds up
/// what coding them would have spent. Both leave the predictor exactly where coding the same bytes
/// would (same calls in the same order: <see cref="Predictor.P"/>, then
/// <see cref="Predictor.Update"/>, most significant bit first), so a model primed here on the
/// encoder side and on the decoder side is the same model.
/// </summary>
/// <remarks>
/// Speed: the predictor's work per bit is the whole cost of compression (the coder is a few
/// instructions a bit), so learning runs at about the level's compression speed; what it saves is
/// the output, not the modelling.
/// </remarks>
public static class Priming
{
    /// <summary>Trains <paramref name="predictor"/> on <paramref name="data"/>, as if it had coded it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Learn(this Predictor predictor, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        for (int i = 0; i < data.Length; i++)
        {
            int c = data[i];
            for (int j = 7; j >= 0; j--)
            {
                predictor.P();
                predictor.Update((c >> j) & 1);
            }
        }
    }

    /// <summary>
    /// Trains <paramref name="predictor"/> on <paramref name="data"/> and returns the bits an ideal
    /// coder would have spent on it: the sum over its bits of −log2 of the probability the
    /// predictor gave the bit (<see cref="Ilog.Cost"/>, summed in its integer units, so every
    /// machine gets the same total).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Cost(this Predictor predictor, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        long cost = 0;
        for (int i = 0; i < data.Length; i++)
        {
            int c = data[i];
            for (int j = 7; j >= 0; j--)
            {
                int y = (c >> j) & 1;
                int p = predictor.P();
                cost += Ilog.Cost(y != 0 ? p : 65536 - p);
                predictor.Update(y);
            }
        }

        return cost / (double)Ilog.One;
    }
}
