using System.Runtime.ExceptionServices;

namespace CMix.Coding;

/// <summary>
/// Runs independent block jobs on up to N threads and waits for all of them. A small stand-in for
/// Parallel.For that keeps the task-parallel library out of the size-optimised SFX stub; the first
/// failure is rethrown with its original type and stack.
/// </summary>
internal static class BlockWorkers
{
    /// <summary>Name of the feature switch that allows worker threads (default true).</summary>
    public const string ParallelBlocksSwitch = "CMix.Coding.ParallelBlocks";

    /// <summary>
    /// False only in builds that set the <see cref="ParallelBlocksSwitch"/> feature switch off (the
    /// SFX stub): jobs then run one after another on the calling thread, and the trimmer drops the
    /// thread start-up code (about 25 KB of the NativeAOT stub). Results are the same either way:
    /// every block has its own model, so the order in which blocks are coded changes no byte.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.FeatureSwitchDefinition(ParallelBlocksSwitch)]
    internal static bool ParallelBlocks => !AppContext.TryGetSwitch(ParallelBlocksSwitch, out bool on) || on;

    /// <summary>Runs <paramref name="job"/> for 0..<paramref name="count"/>-1 on up to <paramref name="threads"/> threads; returns when all are done.</summary>
    public static void Run(int count, int threads, Action<int> job)
    {
        if (count <= 1 || threads <= 1 || !ParallelBlocks)
        {
            for (int i = 0; i < count; i++)
            {
                job(i);
            }

            return;
        }

        int next = -1;
        ExceptionDispatchInfo? failure = null;
        var workers = new Thread[Math.Min(threads, count)];
        for (int t = 0; t < workers.Length; t++)
        {
            workers[t] = new Thread(() =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count && Volatile.Read(ref failure) is null)
                {
                    try
                    {
                        job(i);
                    }
                    catch (Exception e)
                    {
                        Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                    }
                }
            })
            {
                IsBackground = true,
                Name = "cmix block worker",
            };
            workers[t].Start();
        }

        foreach (var w in workers)
        {
            w.Join();
        }

        failure?.Throw();
    }
}
