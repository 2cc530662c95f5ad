using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using CMix.Mixing;

namespace CMix.Benchmarks;

/// <summary>
/// Dot product and training of one weight set, called through <see cref="MixerKernel"/> as the
/// <see cref="Mixer"/> calls it. N covers the models' padded mixer widths (16 = layer 2,
/// 32 = levels 1–2, 48 = levels 3–4, 64 = levels 5–6 (the default), 80 = levels 7–9) and
/// wider ones. Each job forces one kernel.
/// </summary>
[Config(typeof(KernelJobsConfig))]
public unsafe class MixerKernelBenchmarks
{
    private const int Calls = 256;

    private MixerKernel _kernel = null!;
    private short* _x;
    private short* _w;

    [Params(16, 32, 48, 64, 80, 128, 256)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _kernel = MixerKernels.Current;
        Console.WriteLine($"// kernel: {_kernel.Name} ({MixerKernels.Reason})");
        _x = (short*)NativeMemory.AlignedAlloc((nuint)(N * sizeof(short)), 64);
        _w = (short*)NativeMemory.AlignedAlloc((nuint)(N * sizeof(short)), 64);
        uint s = 1;
        for (int i = 0; i < N; i++)
        {
            s = s * 1664525 + 1013904223;
            _x[i] = (short)((int)(s >> 20) % 2048);         // stretched inputs, ±2047
            _w[i] = (short)((int)(s >> 8) % 16384);          // weights around ±2.0
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        NativeMemory.AlignedFree(_x);
        NativeMemory.AlignedFree(_w);
    }

    /// <summary>One dot product per operation.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public int Dot()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += _kernel.DotProduct(_x, _w, N);
        }

        return sum;
    }

    /// <summary>One training step per operation (errors alternate in sign so weights stay in range).</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public void Train()
    {
        for (int i = 0; i < Calls; i++)
        {
            _kernel.Train(_x, _w, N, (i & 1) == 0 ? 3000 : -3000);
        }
    }

    /// <summary>What the mixer does per weight set and bit: a dot product, then training with an error that depends on it.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public int DotTrain()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            int dot = _kernel.DotProduct(_x, _w, N);
            sum += dot;
            _kernel.Train(_x, _w, N, (dot & 8191) - 4096);
        }

        return sum;
    }
}
