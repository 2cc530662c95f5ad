using BenchmarkDotNet.Attributes;
using CMix.Maps;
using CMix.Mixing;
using CMix.Models;
using CMix.Prediction;

namespace CMix.Benchmarks;

/// <summary>
/// One bit of the whole <see cref="Mixer"/> policy at the predictor's default-level shape
/// (the same input count and selectors as <c>Predictor</c> builds; today 59 inputs → 64 lanes,
/// one Select per selector, layer 2 of 16 lanes): Add × inputs, Select × selectors, SelectFinal,
/// P, Update. One dot product and one training of 64 lanes per selector plus one of 16 per bit, with the policy's
/// own overhead (squash, clamps) that no kernel speeds up.
/// </summary>
[Config(typeof(KernelJobsConfig))]
public class MixerBenchmarks
{
    private const int Bits = 4096;
    private static readonly ModelSettings Settings = ModelSettings.ForLevel(ModelSettings.DefaultLevel);

    // The shape Predictor wires at the default level.
    private static readonly int Inputs = Settings.MixerInputs;
    private static readonly int[] SelectorSets = Settings.SelectorSets;

    private Mixer _mixer = null!;
    private short[] _inputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        Console.WriteLine($"// mixer: {Inputs} inputs, selectors [{string.Join(", ", SelectorSets)}], kernel {MixerKernels.Current.Name}");
        _mixer = new Mixer(Inputs, SelectorSets, 8, MixerKernels.Current);
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

            for (int k = 0; k < SelectorSets.Length; k++)
            {
                _mixer.Select((b >> k) % SelectorSets[k]);
            }

            _mixer.SelectFinal(b & 7);
            int p = _mixer.P();
            acc += p;
            _mixer.Update((_inputs[off] >> 3) & 1);
        }

        return acc;
    }
}
