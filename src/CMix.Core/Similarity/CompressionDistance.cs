using CMix.Coding;
using CMix.Prediction;

namespace CMix.Similarity;

/// <summary>
/// The normalized compression distance (Cilibrasi and Vitányi, "Clustering by compression",
/// 2005) with CMix's model as the compressor: C is the model's cost in bits
/// (<see cref="Priming.Cost"/>), not a coded size, so it has no container overhead or coder
/// rounding and needs no archive.
/// </summary>
/// <remarks>
/// Work: one run per input for C(x), then one per pair (both orders with
/// <see cref="NcdOptions.BothOrders"/>, and i = j for C(x|x)): a fresh model learns x
/// (<see cref="Priming.Learn"/>) and costs y. C(x) is measured once per input and reused, as the
/// learning part of a pair run is the same computation. Every run uses the same tables, sized from
/// the two longest inputs (<see cref="CostTables"/>), so C(x) and C(y|x) come from the same model.
/// Runs are independent and deterministic; threads change only the speed.
/// </remarks>
public static class CompressionDistance
{
    /// <summary>Measures every input and every pair of <paramref name="inputs"/>.</summary>
    public static NcdMatrix Measure(IReadOnlyList<ReadOnlyMemory<byte>> inputs, NcdOptions options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        int n = inputs.Count;
        var settings = CostTables.For(options.Level, LongestPair(inputs));
        int threads = Compressor.ResolveThreads(options.Threads);

        // Runs: (-1, j) costs input j alone; (i, j) learns i, then costs j.
        var runs = new List<(int Given, int Coded)>();
        for (int j = 0; j < n; j++)
        {
            runs.Add((-1, j));
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = options.BothOrders ? 0 : i; j < n; j++)
            {
                runs.Add((i, j));
            }
        }

        long total = 0;
        foreach (var (given, coded) in runs)
        {
            total += (given >= 0 ? inputs[given].Length : 0) + inputs[coded].Length;
        }

        var bits = new double[runs.Count];
        long done = 0;
        BlockWorkers.Run(runs.Count, threads, r =>
        {
            var (given, coded) = runs[r];
            using var predictor = new Predictor(settings);
            if (given >= 0)
            {
                predictor.Learn(inputs[given].Span);
            }

            bits[r] = predictor.Cost(inputs[coded].Span);
            long modelled = (given >= 0 ? inputs[given].Length : 0) + inputs[coded].Length;
            options.Progress?.Invoke(new CodingProgress(Interlocked.Add(ref done, modelled), total));
        });

        var cost = new double[n];
        var conditional = new double[n, n];
        for (int r = 0; r < runs.Count; r++)
        {
            var (given, coded) = runs[r];
            if (given < 0)
            {
                cost[coded] = bits[r];
            }
            else
            {
                conditional[given, coded] = bits[r];
            }
        }

        if (!options.BothOrders)
        {
            // One order measured: C(x_i x_j) stands for C(x_j x_i) too, so C(x_i | x_j) = C(x_i x_j) − C(x_j).
            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    conditional[j, i] = cost[i] + conditional[i, j] - cost[j];
                }
            }
        }

        return new NcdMatrix(cost, conditional, options.BothOrders);
    }

    private static long LongestPair(IReadOnlyList<ReadOnlyMemory<byte>> inputs)
    {
        long first = 0, second = 0;
        foreach (var x in inputs)
        {
            if (x.Length > first)
            {
                (first, second) = (x.Length, first);
            }
            else if (x.Length > second)
            {
                second = x.Length;
            }
        }

        // A single input still pairs with itself (C(x|x)).
        return inputs.Count == 1 ? 2 * first : first + second;
    }
}
