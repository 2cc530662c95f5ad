using System.Diagnostics;
using System.Runtime.CompilerServices;
using CMix.Numerics;

namespace CMix.Apm;

/// <summary>
/// The last step of an <see cref="SseBlend.LearnedAverage"/> chain: a learned blend of the SSE stages' outputs. Each
/// 16-bit probability is stretched (<see cref="Stretch16"/>), the weighted sum is squashed back
/// (<see cref="Squash16"/>), and the weights learn online from the coded bit.
/// </summary>
/// <remarks>
/// One weight set, n inputs and a bias. It starts as the identity on one chosen input (the
/// stages' fixed-weight average), so it can only drift from there as the file teaches it.
/// Weights are 8.24 fixed point; the step is err × x / 2^13, err in 1/65536, x in 1/256 of a
/// log-odds, that is a rate of about 0.00012 per unit of each. Call order per bit:
/// <see cref="Add"/> n times, <see cref="P"/>, then <see cref="Update"/>.
/// </remarks>
public sealed class SseMixer
{
    /// <summary>Weight 1.0.</summary>
    public const int One = 1 << 24;

    private const int Bias = 64;            // the bias input: a quarter of a log-odds
    private const int MaxWeight = 8 * One;  // keeps Σ w·x well inside a long and the step inside an int

    private readonly int[] _w;
    private readonly int[] _x;
    private readonly int _inputs;
    private int _n;
    private int _p = 32768;

    /// <param name="inputs">probabilities added per bit</param>
    /// <param name="start">the input whose weight starts at 1.0 (all others at 0)</param>
    public SseMixer(int inputs, int start)
    {
        Debug.Assert(inputs > 0 && start >= 0 && start < inputs);
        _inputs = inputs;
        _w = new int[inputs + 1];
        _x = new int[inputs + 1];
        _w[start] = One;
        _x[inputs] = Bias;
    }

    private SseMixer(SseMixer source)
    {
        _inputs = source._inputs;
        _w = (int[])source._w.Clone();
        _x = (int[])source._x.Clone();
        _n = source._n;
        _p = source._p;
    }

    /// <summary>A copy of this mixer (<c>Predictor.Clone</c>).</summary>
    internal SseMixer Clone() => new(this);

    /// <summary>Adds the next input, a 16-bit probability in [0, 65535].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int p16)
    {
        Debug.Assert(_n < _inputs);
        _x[_n++] = Stretch16.D(p16);
    }

    /// <summary>The blend of this bit's inputs: a 16-bit probability in [1, 65535].</summary>
    public int P()
    {
        Debug.Assert(_n == _inputs);
        long dot = 0;
        for (int i = 0; i <= _inputs; i++)
        {
            dot += (long)_w[i] * _x[i];
        }

        _p = Squash16.P((int)Math.Clamp(dot >> 24, -Squash16.Limit, Squash16.Limit));
        return _p;
    }

    /// <summary>Trains the weights toward bit <paramref name="y"/> and clears the inputs for the next bit.</summary>
    public void Update(int y)
    {
        Debug.Assert(_n == _inputs && (y == 0 || y == 1));
        int err = (y << 16) - _p;
        for (int i = 0; i <= _inputs; i++)
        {
            _w[i] = Math.Clamp(_w[i] + ((_x[i] * err + (1 << 12)) >> 13), -MaxWeight, MaxWeight);
        }

        _n = 0;
    }
}
