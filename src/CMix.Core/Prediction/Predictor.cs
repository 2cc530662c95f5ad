using System.Diagnostics;
using CMix.Maps;
using CMix.Mixing;
using CMix.Models;
using CMix.Numerics;

namespace CMix.Prediction;

/// <summary>
/// The only place that knows the wiring: models → mixer → APM chain. Gives the probability of
/// the next bit, then learns from it. Encoder and decoder drive identical predictors with the
/// same bits, so they produce identical probabilities.
/// </summary>
/// <remarks>
/// Call order per bit: <see cref="P"/>, code the bit, <see cref="Update"/>. Numeric domains:
/// model probabilities 12-bit, mixer inputs stretched (±2047), output 16-bit for the coder.
/// </remarks>
public sealed class Predictor : IDisposable
{
    private readonly ModelSettings _settings;
    private readonly History _history;
    private readonly ContextMap _cm;
    private readonly MatchModel _match;
    private readonly StateMap _order0 = new(256, 255);
    private readonly StateMap _order1 = new(65536, 255);
    private readonly Mixer _mixer;
    private readonly Apm.Apm _a2 = new(65536);
    private readonly Apm.Apm _a3;
    private readonly Apm.Apm _a4;
    private readonly ContextHasher _contexts;

    private int _c0 = 1;     // partial byte with a leading 1
    private int _bitPos;     // bits of the current byte seen so far, 0..7
    private int _pr = 2048;  // last mixer output, 12-bit
    private int _h24;        // APM context: hash of order 3
    private int _c0Last;
    private int _c1;         // last byte
    private int _c2;         // byte before it

    /// <summary>Builds the model for <paramref name="settings"/>; <paramref name="kernel"/> overrides the mixer kernel.</summary>
    public Predictor(ModelSettings settings, MixerKernel? kernel = null)
    {
        _settings = settings;
        _history = new History(settings.HistoryBits);
        _contexts = new ContextHasher(settings, _history);
        _cm = new ContextMap(settings.ContextCount, settings.HashBits);
        _match = new MatchModel(_history, settings.MatchHashBits, settings.MatchMinLength);
        _mixer = new Mixer(MixerInputs(settings), MixerSelectorSets(settings), 8, kernel);
        _a3 = new Apm.Apm(settings.FullApm ? 1 << 18 : 1);
        _a4 = new Apm.Apm(settings.FullApm ? 32 * 256 : 1);
        _contexts.Compute(_cm);
        _cm.BeginByte(0);
    }

    /// <summary>Mixer inputs per bit: every context's, the match model's, order 0, order 1 and a bias.</summary>
    internal static int MixerInputs(ModelSettings settings) =>
        settings.ContextCount * ContextMap.InputsPerContext + MatchModel.Inputs + 3;

    /// <summary>Weight sets per layer-1 selector, in the order <see cref="P"/> selects them: c0, match state, c1, contexts known × bit position, c2.</summary>
    internal static int[] MixerSelectorSets(ModelSettings settings) =>
        ((int[])[256, 32, 256, (settings.ContextCount + 1) * 8, 256])[..settings.Selectors];

    /// <summary>The settings this predictor was built from.</summary>
    public ModelSettings Settings => _settings;

    /// <summary>The mixer kernel in use.</summary>
    public MixerKernel Kernel => _mixer.Kernel;

    /// <summary>Probability that the next bit is 1, 16-bit in [1, 65535].</summary>
    public int P()
    {
        int c1 = _c1;
        _cm.Mix(_mixer, _c0, _bitPos);
        _match.Mix(_mixer, _c0, _bitPos);
        _mixer.Add(Stretch.D(_order0.P(_c0)));
        _mixer.Add(Stretch.D(_order1.P((c1 << 8) | _c0)));
        _mixer.Add(256);

        int matchLength = _match.Length;
        int matchState = matchLength > 0 ? _match.LengthBucket * 2 + _match.ExpectedBit : 0;
        _mixer.Select(_c0);
        _mixer.Select(matchState);
        int selectors = _settings.Selectors;
        if (selectors > 2)
        {
            _mixer.Select(c1);
        }

        if (selectors > 3)
        {
            _mixer.Select(_cm.Known * 8 + _bitPos);
        }

        if (selectors > 4)
        {
            _mixer.Select(_c2);
        }

        _mixer.SelectFinal(_bitPos);
        _pr = _mixer.P();

        int p2 = _a2.Refine(_pr, _c0 | (c1 << 8));
        if (!_settings.FullApm)
        {
            return ((_pr + p2 * 3 + 2) >> 2) << 4;
        }

        int p3 = _a3.Refine(_pr, ((_h24 & 0x3FF) << 8) | _c0);
        int p4 = _a4.Refine(_pr, (matchState << 8) | _c0);
        int p = (_pr + p4 + p2 * 2 + p3 * 2 + 3) / 6;
        Debug.Assert(p > 0 && p < 4096);
        return p << 4;
    }

    /// <summary>Trains every component with the coded bit <paramref name="y"/> and advances the context.</summary>
    public void Update(int y)
    {
        Debug.Assert(y == 0 || y == 1);
        _cm.Update(y);
        _match.Update(y);
        _order0.Update(y);
        _order1.Update(y);
        _mixer.Update(y);
        _a2.Update(y);
        if (_settings.FullApm)
        {
            _a3.Update(y);
            _a4.Update(y);
        }

        _c0 = (_c0 << 1) | y;
        _bitPos++;
        if (_bitPos == 8)
        {
            _c0Last = _c0 & 255;
            _history.Add(_c0Last);
            _c2 = _c1;
            _c1 = _c0Last;
            _c0 = 1;
            _bitPos = 0;
            _match.ByteUpdate();
            _contexts.Compute(_cm);
            _cm.BeginByte(_c0Last);
            _h24 = (int)(Hashing.Finalize(_history.C4 & 0xFFFFFF) >> 8);
        }
    }

    /// <summary>Frees the native tables.</summary>
    public void Dispose()
    {
        _cm.Dispose();
        _mixer.Dispose();
    }
}
