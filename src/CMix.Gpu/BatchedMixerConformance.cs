namespace CMix.Gpu;

/// <summary>
/// Drives two <see cref="IBatchedMixer"/>s of the same shape through the same seeded random
/// sequence and reports the first difference. Used by the self-test of <see cref="CudaBatchedMixer.Create"/>, the tests
/// and the GPU benchmark's check mode.
/// </summary>
/// <remarks>
/// The sequence: equal random weights (full int16 range, so saturation is exercised); then
/// per step random inputs (every third step the full int16 range, else ±2047 as models give),
/// random selections and errors in [-32767, 32767] with the edges ±32767 and 0 mixed in.
/// Step 0 predicts; odd steps call Train then Predict, even steps TrainPredict, so both paths
/// are covered; every third step passes the mixers' own <see cref="IBatchedMixer.InputBuffer"/>. Dots are compared every step and all weights after the last.
/// </remarks>
public static class BatchedMixerConformance
{
    /// <summary>Runs the sequence on both mixers.</summary>
    /// <returns>null when every dot and weight matched; otherwise the first difference.</returns>
    public static string? Compare(IBatchedMixer expected, IBatchedMixer actual, ulong seed, int steps)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (expected.Lanes != actual.Lanes || expected.Inputs != actual.Inputs || expected.Sets != actual.Sets)
        {
            throw new ArgumentException("mixers differ in shape");
        }

        int lanes = expected.Lanes, n = expected.Inputs, sets = expected.Sets;
        ulong state = seed * 0x9E3779B97F4A7C15UL + 1;
        var w = new short[(long)lanes * sets * n];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = (short)Next(ref state);
        }

        expected.SetWeights(w);
        actual.SetWeights(w);
        var x = new short[lanes * n];
        var sel = new int[lanes];
        var err = new int[lanes];
        var dotE = new int[lanes];
        var dotA = new int[lanes];
        for (int step = 0; step < steps; step++)
        {
            bool wide = step % 3 == 0;
            for (int i = 0; i < x.Length; i++)
            {
                uint r = Next(ref state);
                x[i] = wide ? (short)r : (short)((int)(r % 4095) - 2047);
            }

            for (int l = 0; l < lanes; l++)
            {
                sel[l] = (int)(Next(ref state) % (uint)sets);
                uint r = Next(ref state);
                err[l] = (r & 15) switch { 0 => 32767, 1 => -32767, 2 => 0, _ => (int)(r % 65535) - 32767 };
            }

            // Steps 2, 5, 8, ... pass each mixer's own InputBuffer, filled in place, as x.
            bool inPlace = step % 3 == 2;
            ReadOnlySpan<short> xE = x, xA = x;
            if (inPlace)
            {
                x.CopyTo(expected.InputBuffer);
                x.CopyTo(actual.InputBuffer);
                xE = expected.InputBuffer;
                xA = actual.InputBuffer;
            }

            if (step == 0)
            {
                expected.Predict(xE, sel, dotE);
                actual.Predict(xA, sel, dotA);
            }
            else if (step % 2 == 1)
            {
                expected.Train(err);
                actual.Train(err);
                expected.Predict(xE, sel, dotE);
                actual.Predict(xA, sel, dotA);
            }
            else
            {
                expected.TrainPredict(err, xE, sel, dotE);
                actual.TrainPredict(err, xA, sel, dotA);
            }

            for (int l = 0; l < lanes; l++)
            {
                if (dotE[l] != dotA[l])
                {
                    return $"{Shape(expected)}: step {step} lane {l}: dot {dotA[l]} from {actual.Name}, {dotE[l]} from {expected.Name}";
                }
            }
        }

        var wE = new short[w.Length];
        var wA = new short[w.Length];
        expected.GetWeights(wE);
        actual.GetWeights(wA);
        for (long i = 0; i < wE.LongLength; i++)
        {
            if (wE[i] != wA[i])
            {
                long perLane = (long)sets * n;
                return $"{Shape(expected)}: after {steps} steps weight [lane {i / perLane}, set {i % perLane / n}, input {i % n}] is {wA[i]} from {actual.Name}, {wE[i]} from {expected.Name}";
            }
        }

        return null;
    }

    private static string Shape(IBatchedMixer m) => $"{m.Lanes} lanes × {m.Inputs} inputs × {m.Sets} sets";

    // xorshift64*: a fixed generator, so a failing seed reproduces everywhere.
    private static uint Next(ref ulong s)
    {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        return (uint)((s * 0x2545F4914F6CDD1DUL) >> 32);
    }
}
