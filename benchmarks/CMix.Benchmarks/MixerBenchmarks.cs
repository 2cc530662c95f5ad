using BenchmarkDotNet.Attributes;
using CMix.Mixing;

namespace CMix.Benchmarks;

/// <summary>
/// One bit of the whole <see cref="Mixer"/> policy at the predictor's default-level shape
/// (41 inputs → 48 lanes, four selectors, layer 2 of 16 lanes): Add × 41, Select × 4,
/// SelectFinal, P, Update. Four dot products and four trainings of 48 lanes plus one of 16
/// per bit, with the policy's own overhead (squash, clamps) that no kernel speeds up.
/// </summary>
[Config(typeof(KernelJobsConfig))]
public class MixerBenchmarks
{
    private const int Bits = 4096;
    private const int Inputs = 41;

    private Mixer _mixer = null!;
    private short[] _inputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _mixer = new Mixer(Inputs, [256, 32, 256, 152], 8, 6, MixerKernels.Current);
        _inputs = new short[Bits * Inputs];
        uint s = 7;
        for (int i = 0; i < _inputs.Length; i++)
        {
            s = s * 1664525 + 1013904223;
            _inputs[i] = (short)((int)(s >> 16) % 4095 - 2047);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _mixer.Dispose();

    /// <summary>One bit: inputs, selection, prediction, update.</summary>
    [Benchmark(OperationsPerInvoke = Bits)]
    public int MixerBit()
    {
        int acc = 0;
        for (int b = 0; b < Bits; b++)
        {
            int off = b * Inputs;
            for (int i = 0; i < Inputs; i++)
            {
                _mixer.Add(_inputs[off + i]);
            }

            _mixer.Select(b & 255);
            _mixer.Select(b & 31);
            _mixer.Select((b >> 3) & 255);
            _mixer.Select(b % 152);
            _mixer.SelectFinal(b & 7);
            int p = _mixer.P();
            acc += p;
            _mixer.Update((_inputs[off] >> 3) & 1);
        }

        return acc;
    }
}
