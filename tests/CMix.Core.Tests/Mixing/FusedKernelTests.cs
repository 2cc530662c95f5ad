using System.Runtime.InteropServices;
using CMix.Mixing;
using Xunit;

namespace CMix.Core.Tests.Mixing;

/// <summary>The fused several-set paths equal the one-set scalar calls, for every kernel this machine runs.</summary>
public sealed unsafe class FusedKernelTests
{
    public static TheoryData<string> Kernels()
    {
        var data = new TheoryData<string>();
        foreach (var k in MixerKernels.All)
        {
            if (MixerKernels.IsSupported(k, out _))
            {
                data.Add(k.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void FusedDotAndTrainEqualScalarPerSet(string name)
    {
        var kernel = MixerKernels.All.Single(k => k.Name == name);
        var rng = new Random(5);
        var sets = stackalloc short*[17];
        var errs = stackalloc int[17];
        var dots = stackalloc int[17];
        foreach (int count in new[] { 1, 2, 5, 8, 9, 13, 16, 17 })
        {
            foreach (int n in new[] { 16, 64, 80 })
            {
                short* x = Alloc(n);
                short* w = Alloc(n * count);
                short* wRef = Alloc(n * count);
                for (int i = 0; i < n; i++)
                {
                    x[i] = (short)rng.Next(-2047, 2048);
                }

                for (int i = 0; i < n * count; i++)
                {
                    w[i] = wRef[i] = (short)rng.Next(short.MinValue, short.MaxValue + 1);
                }

                for (int round = 0; round < 10; round++)
                {
                    for (int k = 0; k < count; k++)
                    {
                        sets[k] = w + k * n;
                        errs[k] = rng.Next(-32767, 32768);
                    }

                    kernel.DotProducts(x, sets, count, n, dots);
                    for (int k = 0; k < count; k++)
                    {
                        Assert.Equal(ScalarMixerKernel.Instance.DotProduct(x, wRef + k * n, n), dots[k]);
                    }

                    kernel.TrainMany(x, sets, errs, count, n);
                    for (int k = 0; k < count; k++)
                    {
                        ScalarMixerKernel.Instance.Train(x, wRef + k * n, n, errs[k]);
                    }

                    Assert.True(new Span<short>(w, n * count).SequenceEqual(new Span<short>(wRef, n * count)), $"{name}: weights differ (count {count}, n {n}, round {round})");
                }

                NativeMemory.AlignedFree(x);
                NativeMemory.AlignedFree(w);
                NativeMemory.AlignedFree(wRef);
            }
        }
    }

    private static short* Alloc(int n)
    {
        var p = (short*)NativeMemory.AlignedAlloc((nuint)(n * sizeof(short)), 64);
        new Span<short>(p, n).Clear();
        return p;
    }
}
