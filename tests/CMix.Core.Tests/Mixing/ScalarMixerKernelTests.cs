using CMix.Mixing;
using Xunit;

namespace CMix.Core.Tests.Mixing;

/// <summary>The reference kernel against values worked out by hand from the contract in <see cref="MixerKernel"/>.</summary>
public sealed unsafe class ScalarMixerKernelTests
{
    private static readonly MixerKernel Scalar = ScalarMixerKernel.Instance;

    [Fact]
    public void DotProductShiftsEachPairBeforeSumming()
    {
        using var x = new KernelEquivalence.NativeShorts(16);
        using var w = new KernelEquivalence.NativeShorts(16);
        x.P[0] = 1000;
        x.P[1] = -2000;
        w.P[0] = 300;
        w.P[1] = 100;
        x.P[2] = 3;
        x.P[3] = 4;
        w.P[2] = -7;
        w.P[3] = 1;

        // (300000 - 200000) >> 8 = 390; (-21 + 4) >> 8 = -1 (arithmetic shift floors).
        Assert.Equal(389, Scalar.DotProduct(x.P, w.P, 16));
    }

    [Fact]
    public void TrainRoundsAndSaturatesLikePmulhw()
    {
        using var x = new KernelEquivalence.NativeShorts(16);
        using var w = new KernelEquivalence.NativeShorts(16);
        x.P[0] = 1000;
        w.P[0] = 100;
        Scalar.Train(x.P, w.P, 16, -12000);

        // x2 = 2000; 2000 · -12000 >> 16 = -367; (-367 + 1) >> 1 = -183; 100 - 183 = -83.
        Assert.Equal(-83, w.P[0]);

        x.P[1] = 20000;
        w.P[1] = 30000;
        Scalar.Train(x.P, w.P, 16, 32767);

        // x2 saturates to 32767; 32767² >> 16 = 16383; (16383 + 1) >> 1 = 8192; 30000 + 8192 saturates.
        Assert.Equal(short.MaxValue, w.P[1]);
        Assert.Equal(0, w.P[2]);
    }

    [Fact]
    public void DotProductWrapsLikePmaddwd()
    {
        using var x = new KernelEquivalence.NativeShorts(16);
        using var w = new KernelEquivalence.NativeShorts(16);
        x.P[0] = x.P[1] = w.P[0] = w.P[1] = short.MinValue;

        // 2^30 + 2^30 wraps to int.MinValue; >> 8 = -2^23.
        Assert.Equal(-(1 << 23), Scalar.DotProduct(x.P, w.P, 16));
    }
}
