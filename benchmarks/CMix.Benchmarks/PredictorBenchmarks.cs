using BenchmarkDotNet.Attributes;
using CMix.Coding;
using CMix.Mixing;
using CMix.Prediction;
using CMix.SelfCheck;

namespace CMix.Benchmarks;

/// <summary>
/// Throughput of the whole model at the default level on 64 KiB of wiki-like text: the predictor
/// alone (P/Update for every bit) and end-to-end compression. Each job forces one kernel; the
/// setup proves the archive is byte-identical to the scalar kernel's before anything is timed.
/// </summary>
[Config(typeof(KernelJobsConfig))]
public class PredictorBenchmarks
{
    private const int InputBytes = 64 * 1024;

    private byte[] _input = null!;

    [GlobalSetup]
    public void Setup()
    {
        _input = GoldenInput.Generate(InputBytes);
        byte[] mine = Compress(MixerKernels.Current);
        byte[] scalar = Compress(ScalarMixerKernel.Instance);
        if (!mine.AsSpan().SequenceEqual(scalar))
        {
            throw new InvalidOperationException($"{MixerKernels.Current.Name} archive differs from the scalar archive");
        }

        Console.WriteLine($"// kernel: {MixerKernels.Current.Name}; archive {mine.Length} bytes, identical to scalar's; xxh64 {K4os.Hash.xxHash.XXH64.DigestOf(mine):x16}");
    }

    /// <summary>Predicts and learns every bit of the input (no coder, no container).</summary>
    [Benchmark]
    public int Predictor64K()
    {
        using var predictor = new Predictor(ModelSettings.ForLevel(ModelSettings.DefaultLevel));
        int acc = 0;
        foreach (byte b in _input)
        {
            for (int i = 7; i >= 0; i--)
            {
                int y = (b >> i) & 1;
                acc += predictor.P();
                predictor.Update(y);
            }
        }

        return acc;
    }

    /// <summary>Compresses the input at the default level, end to end.</summary>
    [Benchmark]
    public int Compress64K() => Compress(null).Length;

    private byte[] Compress(MixerKernel? kernel)
    {
        using var output = new MemoryStream();
        Compressor.Compress(new MemoryStream(_input), output,
            new CompressionOptions { Level = ModelSettings.DefaultLevel, InputLength = _input.Length }, null, kernel);
        return output.ToArray();
    }
}
