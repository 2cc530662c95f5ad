using CMix.Mixing;
using Xunit;

namespace CMix.Gpu.Tests;

/// <summary>Tests that run everywhere: the CPU batched reference is exact whatever the kernel and thread count.</summary>
public sealed class BatchedMixerTests
{
    [Theory]
    [InlineData(1, 16, 1, 2)]
    [InlineData(7, 64, 3, 3)]
    [InlineData(64, 512, 2, 4)]
    public void BatchedMixer_IsExactWhateverTheKernelAndThreadCount(int lanes, int inputs, int sets, int threads)
    {
        using var reference = new BatchedMixer(lanes, inputs, sets, ScalarMixerKernel.Instance);
        using var current = new BatchedMixer(lanes, inputs, sets, MixerKernels.Current, threads);

        Assert.Null(BatchedMixerConformance.Compare(reference, current, seed: 11, steps: 9));
    }

    [Fact]
    public unsafe void BatchedMixer_EqualsTheScalarKernelLaneByLane()
    {
        const int Lanes = 3, N = 32, Sets = 2;
        using var batched = new BatchedMixer(Lanes, N, Sets, ScalarMixerKernel.Instance);
        var w = new short[Lanes * Sets * N];
        var x = new short[Lanes * N];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = (short)((i * 7919) % 65536 - 32768);
        }

        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (short)((i * 104729) % 4095 - 2047);
        }

        int[] sel = [1, 0, 1], err = [1234, -32767, 32767], dots = new int[Lanes];
        batched.SetWeights(w);
        batched.Predict(x, sel, dots);
        batched.Train(err);
        var after = new short[w.Length];
        batched.GetWeights(after);

        fixed (short* wp = w)
        fixed (short* xp = x)
        {
            for (int l = 0; l < Lanes; l++)
            {
                short* set = wp + ((l * Sets) + sel[l]) * N;
                Assert.Equal(ScalarMixerKernel.Instance.DotProduct(xp + (l * N), set, N), dots[l]);
                ScalarMixerKernel.Instance.Train(xp + (l * N), set, N, err[l]);
            }
        }

        Assert.Equal(w, after);
    }

    [Fact]
    public void BatchedMixer_RejectsBadArguments()
    {
        using var m = new BatchedMixer(2, 16, 2);
        Assert.Throws<ArgumentException>(() => new BatchedMixer(2, 24, 1));
        Assert.Throws<InvalidOperationException>(() => m.Train(new int[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Predict(new short[32], [0, 2], new int[2]));
        Assert.Throws<ArgumentException>(() => m.Predict(new short[31], [0, 1], new int[2]));
    }
}
