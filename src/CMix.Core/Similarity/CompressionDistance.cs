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
/// Work: a row per input x: a fresh model costs x, which gives C(x) and leaves the model as it is
/// after learning x; with <see cref="NcdOptions.RestartRates"/> its learning rates are then
/// restarted (<see cref="Predictor.RestartRates"/>), and each y of the row (every later input and
/// x itself, or every input with <see cref="NcdOptions.BothOrders"/>) is costed by a
/// <see cref="Predictor.Clone"/> of that model, so C(y|x) is exactly what a fresh model that
/// learns x (and restarts its rates) and then costs y spends, and x is learned once, not once per
/// pair. Every run uses the same tables, sized from the two longest inputs
/// (<see cref="CostTables"/>), so C(x) and C(y|x) come from the same model. Rows run in parallel
/// (with one order row i has n − i pairs, so the longest start first); a worker holds one row's model and one copy at a time, so memory is
/// about two predictors per thread. Runs are deterministic; threads change only the speed.
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

        // Row i costs input i, then inputs First(i)..n-1 each from a copy of the model after it.
        int First(int i) => options.BothOrders ? 0 : i;
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            total += inputs[i].Length;
            for (int j = First(i); j < n; j++)
            {
                total += inputs[j].Length;
            }
        }

        var cost = new double[n];
        var conditional = new double[n, n];
        long done = 0;
        void Done(long modelled) => options.Progress?.Invoke(new CodingProgress(Interlocked.Add(ref done, modelled), total));
        BlockWorkers.Run(n, threads, i =>
        {
            using var learned = new Predictor(settings);
            cost[i] = learned.Cost(inputs[i].Span);
            Done(inputs[i].Length);
            if (options.RestartRates)
            {
                learned.RestartRates();
            }

            for (int j = First(i); j < n; j++)
            {
                using var copy = learned.Clone();
                conditional[i, j] = copy.Cost(inputs[j].Span);
                Done(inputs[j].Length);
            }
        });

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
