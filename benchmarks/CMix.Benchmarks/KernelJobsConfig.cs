using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using CMix.Mixing;

namespace CMix.Benchmarks;

/// <summary>
/// One job per mixer kernel this machine supports, each a separate process forced with
/// <c>CMIX_KERNEL</c>; the scalar job is the baseline, so the Ratio column is the speed-up.
/// </summary>
public sealed class KernelJobsConfig : ManualConfig
{
    public KernelJobsConfig()
    {
        // Moderate iteration counts: the build machine is shared, so medians over 10 iterations.
        var template = Job.Default.WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1);
        foreach (var kernel in MixerKernels.All.Reverse())
        {
            if (!MixerKernels.IsSupported(kernel, out _))
            {
                continue;
            }

            var job = template
                .WithEnvironmentVariable(MixerKernels.EnvironmentVariable, kernel.Name.ToLowerInvariant())
                .WithId(kernel.Name);
            AddJob(kernel is ScalarMixerKernel ? job.AsBaseline() : job);
        }

        AddColumn(StatisticColumn.Median);
        SummaryStyle = BenchmarkDotNet.Reports.SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend);
        HideColumns(Column.EnvironmentVariables);
    }
}
