using CMix.Mixing;
using CMix.Mixing.Gpu;
using Xunit;
using Xunit.Abstractions;

namespace CMix.Gpu.Tests;

/// <summary>GPU tests: skipped, with the reason, where <see cref="CudaMixer.Status"/> is unavailable.</summary>
public sealed class CudaBatchedMixerTests(ITestOutputHelper output)
{
    [Fact]
    public void Create_FailsClearlyWhenUnavailable()
    {
        CudaStatus status = CudaMixer.Status;
        output.WriteLine(status.ToString());
        if (status.Available)
        {
            return; // covered by the GPU tests
        }

        var e = Assert.Throws<CudaUnavailableException>(() => CudaBatchedMixer.Create(4, 32, 2));
        Assert.Contains(status.Reason, e.Message);
    }

    [GpuFact]
    public void Gpu_EqualsScalarKernel_OnRandomBatches()
    {
        output.WriteLine(CudaMixer.Status.ToString());
        (int Lanes, int Inputs, int Sets)[] shapes =
            [(1, 16, 1), (1, 2048, 3), (2, 32, 2), (9, 48, 5), (33, 128, 2), (256, 512, 4), (1000, 64, 8), (4096, 32, 2)];
        foreach (var (lanes, inputs, sets) in shapes)
        {
            using var cpu = new BatchedMixer(lanes, inputs, sets, ScalarMixerKernel.Instance);
            using var gpu = CudaBatchedMixer.Create(lanes, inputs, sets);
            string? mismatch = BatchedMixerConformance.Compare(cpu, gpu, seed: (ulong)(lanes + inputs + sets), steps: 10);
            Assert.True(mismatch is null, mismatch);
        }
    }

    [GpuFact]
    public void Gpu_LongMixTrainSequence_EqualsCpuReferenceBitForBit()
    {
        using var cpu = new BatchedMixer(4096, 128, 4, MixerKernels.Current, threads: Environment.ProcessorCount);
        using var gpu = CudaBatchedMixer.Create(4096, 128, 4);

        string? mismatch = BatchedMixerConformance.Compare(cpu, gpu, seed: 2026, steps: 200);

        Assert.True(mismatch is null, mismatch);
    }

    [GpuFact]
    public void Gpu_ReportsBadArgumentsAndOrderWithoutCorruptingState()
    {
        using var gpu = CudaBatchedMixer.Create(2, 16, 2);
        var e = Assert.Throws<InvalidOperationException>(() => gpu.Train(new int[2]));
        Assert.Contains("no predict", e.Message);
        var a = Assert.Throws<ArgumentException>(() => gpu.Predict(new short[32], [0, 2], new int[2]));
        Assert.Contains("sel[1]", a.Message);
        var dots = new int[2];
        gpu.Predict(new short[32], [1, 0], dots);
        gpu.Train([100, -100]);
        Assert.Equal([0, 0], dots);
    }
}
