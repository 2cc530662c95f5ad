using BenchmarkDotNet.Attributes;
using CMix.Maps;
using CMix.Mixing;
using CMix.Models;
using CMix.Prediction;

namespace CMix.Benchmarks;

/// <summary>
/// One bit of the whole <see cref="Mixer"/> policy at the predictor's default-level shape
/// (the same input count and selectors as <c>Predictor</c> builds; today 59 inputs → 64 lanes,
/// four selectors, layer 2 of 16 lanes): Add × inputs, Select × 4, SelectFinal, P, Update.
/// Four dot products and four trainings of 64 lanes plus one of 16 per bit, with the policy's
/// own overhead (squash, clamps) that no kernel speeds up.
/// </summary>
[Config(typeof(KernelJobsConfig))]
public class MixerBenchmarks
{
    private const int Bits = 4096;
    private static readonly ModelSettings Settings = ModelSettings.ForLevel(ModelSettings.DefaultLevel);

    // As Predictor wires it: every context's inputs, the match model's, order 0, order 1 and a bias.
    private static readonly int Inputs = Settings.ContextCount * ContextMap.InputsPerContext + MatchModel.Inputs + 3;
    private static readonly int LastSelectorSets = (Settings.ContextCount + 1) * 8;

    private Mixer _mixer = null!;
    private short[] _inputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        Console.WriteLine($"// mixer: {Inputs} inputs, selectors [256, 32, 256, {LastSelectorSets}], kernel {MixerKernels.Current.Name}");
        _mixer = new Mixer(Inputs, [256, 32, 256, LastSelectorSets], 8, 6, MixerKernels.Current);
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
            _mixer.Select(b % LastSelectorSets);
            _mixer.SelectFinal(b & 7);
            int p = _mixer.P();
            acc += p;
            _mixer.Update((_inputs[off] >> 3) & 1);
        }

        return acc;
    }
}
