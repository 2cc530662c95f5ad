using System.Runtime.ExceptionServices;

namespace CMix.Coding;

/// <summary>
/// Runs independent block jobs on up to N threads and waits for all of them. A small stand-in for
/// Parallel.For that keeps the task-parallel library out of the size-optimised SFX stub; the first
/// failure is rethrown with its original type and stack.
/// </summary>
internal static class BlockWorkers
{
    public static void Run(int count, int threads, Action<int> job)
    {
        if (count <= 1 || threads <= 1)
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
