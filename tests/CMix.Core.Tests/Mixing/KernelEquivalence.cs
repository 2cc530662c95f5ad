using System.Runtime.InteropServices;
using CMix.Mixing;
using Xunit;

namespace CMix.Core.Tests.Mixing;

/// <summary>The checks every SIMD kernel's test class runs against the scalar reference.</summary>
internal static unsafe class KernelEquivalence
{
    /// <summary>Every length 16..1024 in steps of 16.</summary>
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        for (int n = Mixer.Align; n <= 1024; n += Mixer.Align)
        {
            data.Add(n);
        }

        return data;
    }

    public static void RandomVectorsMatch(MixerKernel kernel, int n)
    {
        foreach (var domain in Enum.GetValues<MixerKernelSelfTest.Domain>())
        {
            Assert.Null(MixerKernelSelfTest.Compare(kernel, n, domain, rounds: 20, seed: 0xC0FFEEUL + (ulong)n));
            Assert.Null(MixerKernelSelfTest.Compare(kernel, n, domain, rounds: 3, seed: 7UL * (ulong)n, misaligned: true));
        }
    }

    /// <summary>Every (x, w) pair of edge values, with every edge error, lane by lane.</summary>
    public static void EveryEdgeCombinationMatches(MixerKernel kernel)
    {
        ReadOnlySpan<short> edges = MixerKernelSelfTest.EdgeValues;
        int n = (edges.Length * edges.Length + Mixer.Align - 1) / Mixer.Align * Mixer.Align;
        using var x = new NativeShorts(n);
        using var wRef = new NativeShorts(n);
        using var wTest = new NativeShorts(n);
        int k = 0;
        foreach (short a in edges)
        {
            foreach (short b in edges)
            {
                x.P[k] = a;
                wRef.P[k] = wTest.P[k] = b;
                k++;
            }
        }

        Assert.Equal(ScalarMixerKernel.Instance.DotProduct(x.P, wRef.P, n), kernel.DotProduct(x.P, wTest.P, n));
        foreach (int err in MixerKernelSelfTest.EdgeErrors)
        {
            for (int i = 0; i < n; i++)
            {
                wTest.P[i] = wRef.P[i];
            }

            ScalarMixerKernel.Instance.Train(x.P, wRef.P, n, err);
            kernel.Train(x.P, wTest.P, n, err);
            Assert.Equal(wRef.ToArray(), wTest.ToArray());
        }
    }

    /// <summary>Zero error leaves weights unchanged except where rounding moves them (it must agree either way).</summary>
    public static void ZeroErrorMatches(MixerKernel kernel)
    {
        Assert.Null(MixerKernelSelfTest.Compare(kernel, 64, MixerKernelSelfTest.Domain.Full, rounds: 1, seed: 99));
        using var x = new NativeShorts(32);
        using var w = new NativeShorts(32);
        for (int i = 0; i < 32; i++)
        {
            x.P[i] = (short)(i * 1000 - 16000);
            w.P[i] = (short)(i * 2000 - 32000);
        }

        short[] before = w.ToArray();
        kernel.Train(x.P, w.P, 32, 0);

        // scalar: d = Sat16((x2 * 0 >> 16) + 1) >> 1 = 0, so nothing moves.
        Assert.Equal(before, w.ToArray());
    }

    /// <summary>Pair sums of 2^31 wrap to int.MinValue exactly as C# does; 64 lanes = 32 pairs, 32 · (2^31 >> 8) wraps again.</summary>
    public static void WrappingPairsMatch(MixerKernel kernel)
    {
        using var x = new NativeShorts(64);
        using var w = new NativeShorts(64);
        x.Span.Fill(short.MinValue);
        w.Span.Fill(short.MinValue);
        int expected = unchecked(32 * (int.MinValue >> 8));
        Assert.Equal(expected, ScalarMixerKernel.Instance.DotProduct(x.P, w.P, 64));
        Assert.Equal(expected, kernel.DotProduct(x.P, w.P, 64));
    }

    /// <summary>64-byte aligned native int16 buffer, as the mixer allocates.</summary>
    public sealed class NativeShorts : IDisposable
    {
        public NativeShorts(int n)
        {
            Length = n;
            P = (short*)NativeMemory.AlignedAlloc((nuint)(n * sizeof(short)), 64);
            Span.Clear();
        }

        public short* P { get; private set; }

        public int Length { get; }

        public Span<short> Span => new(P, Length);

        public short[] ToArray() => Span.ToArray();

        public void Dispose()
        {
            NativeMemory.AlignedFree(P);
            P = null;
        }
    }
}
