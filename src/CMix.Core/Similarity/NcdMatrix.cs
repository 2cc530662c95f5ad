namespace CMix.Similarity;

/// <summary>
/// What <see cref="CompressionDistance.Measure"/> found for n inputs: each input's cost C(x) and
/// the conditional costs C(y|x), in bits (the sum of −log2 p over the bits, what an ideal coder
/// spends; the archive adds a fixed container overhead), and the normalized compression distance
/// NCD(x,y) = (C(xy) − min(C(x), C(y))) / max(C(x), C(y)), with C(xy) = C(x) + C(y|x).
/// </summary>
public sealed class NcdMatrix
{
    private readonly double[] _cost;
    private readonly double[,] _conditional;

    internal NcdMatrix(double[] cost, double[,] conditional, bool bothOrders)
    {
        _cost = cost;
        _conditional = conditional;
        BothOrders = bothOrders;
    }

    /// <summary>Number of inputs.</summary>
    public int Count => _cost.Length;

    /// <summary>
    /// Whether every ordered pair was measured. When not, pair (i, j) with i &lt; j was measured
    /// in that order only and <see cref="Conditional"/>(j, i) is derived from it (C(x_i x_j) − C(x_j)),
    /// so <see cref="Ncd"/> is symmetric.
    /// </summary>
    public bool BothOrders { get; }

    /// <summary>C(x_i) in bits: the cost of input i alone, from a fresh model.</summary>
    public double Cost(int i) => _cost[i];

    /// <summary>C(x_j | x_i) in bits: the cost of input j from a model that first learned input i (i = j included).</summary>
    public double Conditional(int i, int j) => _conditional[i, j];

    /// <summary>C(x_i x_j) in bits: input i then input j through one model.</summary>
    public double Joint(int i, int j) => _cost[i] + _conditional[i, j];

    /// <summary>NCD(x_i, x_j): about 0 for identical inputs, about 1 (a little above at most) for unrelated ones.</summary>
    public double Ncd(int i, int j)
    {
        double lo = Math.Min(_cost[i], _cost[j]), hi = Math.Max(_cost[i], _cost[j]);
        return hi > 0 ? (Joint(i, j) - lo) / hi : 0;
    }

    /// <summary>The NCD matrix made symmetric: the mean of NCD(i, j) and NCD(j, i) (what clustering reads).</summary>
    public double[,] SymmetricDistances()
    {
        int n = Count;
        var d = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                d[i, j] = i == j ? 0 : (Ncd(i, j) + Ncd(j, i)) / 2;
            }
        }

        return d;
    }

    /// <summary>The input nearest to input <paramref name="i"/> by <see cref="Ncd"/> (another input; -1 when there is none).</summary>
    public int Nearest(int i)
    {
        int best = -1;
        for (int j = 0; j < Count; j++)
        {
            if (j != i && (best < 0 || Ncd(i, j) < Ncd(i, best)))
            {
                best = j;
            }
        }

        return best;
    }
}
