using System.Diagnostics;
using System.Runtime.CompilerServices;
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
    private readonly MatchModel[] _longMatches;  // ExtraMatchMinLengths (level 9)
    private readonly StateMap _order0 = new(256, 255);
    private readonly StateMap _order1 = new(65536, 255);
    private readonly StateMap? _order2;   // direct c2·c1·c0 (DirectOrder2)
    private readonly DmcModel? _dmc;
    private readonly Mixer _mixer;
    private readonly Apm.Apm _a2;
    private readonly Apm.Apm _a3;
    private readonly Apm.AdaptiveApm _a4;    // order-3 hash (SseExtra)
    private readonly Apm.AdaptiveApm _a5;    // match state (SseExtra)
    private readonly Apm.AdaptiveApm _a6;    // last two words (SseExtra)
    private readonly Apm.AdaptiveApm _a7;    // classes of the last four bytes, c1 (SseExtra)
    private readonly Apm.AdaptiveApm _a8;    // the current word (SseExtra)
    private readonly Apm.AdaptiveApm _a9;    // the last word, c1 (SseExtra)
    private readonly Apm.SseMixer? _sseMixer; // blends the SSE outputs (SseMixer)
    private readonly ContextHasher _contexts;

    private int _c0 = 1;     // partial byte with a leading 1
    private int _bitPos;     // bits of the current byte seen so far, 0..7
    private int _pr = 2048;  // last mixer output, 12-bit
    private int _c0Last;
    private int _c1;         // last byte
    private int _c2;         // byte before it
    private int _wordLength; // bytes of the current word (letters or UTF-8), 0 after any other byte
    private int _c3;         // byte three back
    private int _classes4;   // ByteClass of c1, c2, c3, c4, 3 bits each, c1 highest (12 bits)

    /// <summary>Builds the model for <paramref name="settings"/>; <paramref name="kernel"/> overrides the mixer kernel.</summary>
    public Predictor(ModelSettings settings, MixerKernel? kernel = null)
        : this(settings, kernel, startPosition: 0)
    {
    }

    /// <summary>As the public constructor, with the history starting at <paramref name="startPosition"/> (tests of 64-bit positions).</summary>
    internal Predictor(ModelSettings settings, MixerKernel? kernel, long startPosition)
    {
        _settings = settings;
        _history = new History(settings.HistoryBits, startPosition);
        _contexts = new ContextHasher(settings, _history);
        _cm = new ContextMap(settings.ContextCount, settings.HashBits, settings.RunInputs,
            linearInputs: settings.LinearInputs,
            orderContexts: settings.Selectors > 13 ? settings.Orders.Length : 0);  // only selector 14 reads KnownOrders
        _match = new MatchModel(_history, settings.MatchHashBits, settings.MatchMinLength);
        _longMatches = [.. settings.ExtraMatchMinLengths.Select(n => new MatchModel(_history, settings.ExtraMatchHashBits, n))];
        _a2 = new Apm.Apm(settings.Sse ? 65536 : 1);
        _a3 = new Apm.Apm(settings.SseChain ? Order2SseContexts : 1);
        bool extra = settings.SseChain && settings.SseExtra;
        _a4 = new Apm.AdaptiveApm(extra ? Order3SseContexts : 1);
        _a5 = new Apm.AdaptiveApm(extra ? MatchSseContexts : 1);
        _a6 = new Apm.AdaptiveApm(extra ? WordSseContexts : 1);
        _a7 = new Apm.AdaptiveApm(extra ? HashedSseContexts : 1);
        _a8 = new Apm.AdaptiveApm(extra ? HashedSseContexts : 1);
        _a9 = new Apm.AdaptiveApm(extra ? HashedSseContexts : 1);
        _sseMixer = extra && settings.SseMixer ? new Apm.SseMixer(SseMixerInputs, SseMixerInputs - 1) : null;
        _order2 = settings.DirectOrder2 ? new StateMap(1 << 24) : null;
        _dmc = settings.DmcNodeBits > 0 ? new DmcModel(settings.DmcNodeBits) : null;
        _mixer = new Mixer(MixerInputs(settings), MixerSelectorSets(settings), FinalSelectorSets(settings), kernel, settings.MixerSetRates);
        _contexts.Compute(_cm);
        _cm.BeginByte(0);
        int empty = ByteClass.Of(0);  // the history starts as zero bytes
        _classes4 = (empty << 9) | (empty << 6) | (empty << 3) | empty;
    }

    /// <summary>Mixer inputs per bit: every context's, the match models', order 0, order 1, (level 9) DMC and the direct order 2, and a bias.</summary>
    internal static int MixerInputs(ModelSettings settings) =>
        settings.ContextCount * ContextMap.InputsFor(settings.RunInputs, settings.LinearInputs) + MatchModel.Inputs * (1 + settings.ExtraMatchMinLengths.Length) + 3
            + (settings.DmcNodeBits > 0 ? DmcModel.Inputs : 0) + (settings.DirectOrder2 ? 1 : 0);

    /// <summary>
    /// Weight sets per layer-2 (final) selector, in the order <see cref="P"/> selects them (a level
    /// uses the first N): c0 × match active; then (level 9) c1·c0, classes of c1 and c2 × c0,
    /// classes of the last four bytes × bit position, word length × c0 × match active, and the
    /// match model's expected byte (or none) × c0.
    /// </summary>
    internal static int[] FinalSelectorSets(ModelSettings settings) =>
        ((int[])[512, 65536, ByteClass.Count * ByteClass.Count * 256, 4096 * 8, 8 * 256 * 2, 512 * 256])[..settings.FinalSelectors];

    /// <summary>
    /// Weight sets per layer-1 selector, in the order <see cref="P"/> selects them (a level uses the
    /// first N): c0, match state, classes of c1 and c2 × bit position, word length × c0, the
    /// last two bytes, contexts known × bit position, c2; then (level 9) classes of the last four
    /// bytes × bit position, c3, c1 × (bit position &gt; 5) × whether the bits so far are all equal,
    /// an 8-bit hash of c3·c2·c1 × c0, 16 bits of the hashed last two words, the match
    /// model's expected byte (or none) × bit position, and how many order contexts are known
    /// × c0 × match active.
    /// </summary>
    internal static int[] MixerSelectorSets(ModelSettings settings) =>
        ((int[])[256, 32, ByteClass.Count * ByteClass.Count * 8, 8 * 256, 65536, (settings.ContextCount + 1) * 8, 256,
            4096 * 8, 256, 1024, 65536, 65536, 512 * 8, 16 * 256 * 2])[..settings.Selectors];

    /// <summary>Index of the selector that picks weight sets by the last two bytes (the fifth; see <see cref="MixerSelectorSets"/>).</summary>
    private const int Order2Selector = 4;

    /// <summary>Contexts of the second SSE stage: 12 bits of hashed c1, c2 × the partial byte.</summary>
    internal const int Order2SseContexts = 1 << 20;

    /// <summary>Contexts of the order-3 extra SSE stage: 14 bits of hashed c3, c2, c1 × the partial byte.</summary>
    internal const int Order3SseContexts = 1 << 22;

    /// <summary>Contexts of the match-state extra SSE stage: the partial byte, or it × length × expected bit.</summary>
    internal const int MatchSseContexts = 1 << 14;

    /// <summary>Contexts of the word extra SSE stage: 14 bits of the hashed last two words × the partial byte.</summary>
    internal const int WordSseContexts = 1 << 22;

    /// <summary>Contexts of each of the three SSE stages of model version 9: 14 bits of a hashed context × the partial byte.</summary>
    internal const int HashedSseContexts = 1 << 22;

    /// <summary>The second SSE stage's context for partial byte <paramref name="c0"/> after bytes <paramref name="c2"/>, <paramref name="c1"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Order2SseContext(int c0, int c1, int c2) =>
        (int)((((uint)((c2 << 8) | c1) * 0x9E3779B1u) >> 20) << 8) | c0;

    /// <summary>The settings this predictor was built from.</summary>
    public ModelSettings Settings => _settings;

    /// <summary>The mixer kernel in use.</summary>
    public MixerKernel Kernel => _mixer.Kernel;

    /// <summary>Probability that the next bit is 1, 16-bit in [1, 65535].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int P()
    {
        int c1 = _c1;
        _cm.Mix(_mixer, _c0, _bitPos);
        _match.Mix(_mixer, _c0, _bitPos);
        foreach (MatchModel m in _longMatches)
        {
            m.Mix(_mixer, _c0, _bitPos);
        }

        _mixer.Add(Stretch.D(_order0.P(_c0)));
        _mixer.Add(Stretch.D(_order1.P((c1 << 8) | _c0)));
        _dmc?.Mix(_mixer);
        if (_order2 is not null)
        {
            // Level 9: an unhashed order-2 probability beside the hashed bit histories (−0.03 %).
            _mixer.Add(Stretch.D(_order2.P((_c2 << 16) | (c1 << 8) | _c0)));
        }

        _mixer.Add(256);

        int matchLength = _match.Length;
        int matchState = matchLength > 0 ? _match.LengthBucket * 2 + _match.ExpectedBit : 0;
        _mixer.Select(_c0);
        int selectors = _settings.Selectors;
        if (selectors > 1)
        {
            _mixer.Select(matchState);
        }

        if (selectors > 2)
        {
            // What kind of text the last two bytes are (word, number, markup, line start...), per bit.
            _mixer.Select((_classes4 >> 6) * 8 + _bitPos);
        }

        if (selectors > 3)
        {
            // How far into a word, by the partial byte: word starts and endings weigh contexts differently.
            _mixer.Select((Math.Min(_wordLength, 7) << 8) | _c0);
        }

        if (selectors > Order2Selector)
        {
            // Order-2 weight sets: 65,536 of them, each met often enough in text to learn
            // (model version 4; c1 alone was 0.12 % bigger at levels 4 and 9).
            _mixer.Select((_c2 << 8) | c1);
        }

        if (selectors > 5)
        {
            _mixer.Select(_cm.Known * 8 + _bitPos);
        }

        if (selectors > 6)
        {
            _mixer.Select(_c2);
        }

        if (selectors > 7)
        {
            // Level 9 (model version 5): four more weight-set choices, 0.25 % smaller on the ten
            // 300 KB text prefixes together.
            SelectMore(c1, matchLength);
        }

        // Layer 2 by the partial byte and whether a match is predicting (512 sets).
        _mixer.SelectFinal(_c0 | (matchLength > 0 ? 256 : 0));
        if (_settings.FinalSelectors > 1)
        {
            SelectMoreFinal(c1, matchLength);
        }

        _pr = _mixer.P();

        // SSE on order 1, averaged with the mixer 3:1; levels 3-9 chain a second stage below.
        // (Order-0, order-3-hash and match-state stages were measured in model version 1, and a
        // match-state stage again in version 4: each under 0.05 % smaller.)
        if (!_settings.Sse)
        {
            return _pr << 4;
        }

        if (_settings.SseChain && _settings.SseExtra)
        {
            return RefineAll(c1, matchLength);
        }

        int p2 = _a2.Refine(_pr, _c0 | (c1 << 8));
        int p = (_pr + p2 * 3 + 2) >> 2;
        if (_settings.SseChain)
        {
            // Second stage on a 12-bit hash of the last two bytes × c0, refining the first
            // stage's output, averaged 1:1 (levels 3–8).
            int p3 = _a3.Refine(p, Order2SseContext(_c0, c1, _c2));
            p = (p + p3 + 1) >> 1;
        }

        return p << 4;
    }

    /// <summary>
    /// Level 9's SSE: the chain's two stages and three more, weighted 1:2:2:1:1 (the first
    /// stage's average with the mixer, the second stage, then the order-3 stage counting double,
    /// the match-state and word-pair stages; 0.17 % smaller on the ten 300 KB text prefixes,
    /// model version 6). From model version 7 the average is taken over the stages' unrounded
    /// 16-bit outputs and is the coder's probability as it is, clamped to [2, 65534]; rounding
    /// each stage to 12 bits first cost 0.04 %. Model version 9 adds three stages on the mixer's
    /// output, weighted 1 each: the classes of the last four bytes × c1, the current word, and
    /// the last word × c1 (each −0.02 % to −0.05 %; with the text model's seven new contexts
    /// −0.20 % on the ten 1 MB text prefixes). Model version 10 hands that average, the stages and
    /// the mixer's output to <see cref="Apm.SseMixer"/>. Out of line: the self-extracting stub pays for
    /// every inlined copy of <see cref="Apm.Apm.Refine"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefineAll(int c1, int matchLength)
    {
        int p2 = _a2.Refine16(_pr, _c0 | (c1 << 8));
        // The 12-bit input of the stages that refine the first stage's average (as at levels 3-8).
        int p = (_pr + Math.Clamp(p2 >> 4, 1, 4095) * 3 + 2) >> 2;
        int p3 = _a3.Refine16(p, Order2SseContext(_c0, c1, _c2));
        int p4 = _a4.Refine16(_pr, Order3SseContext(_c0, c1, _c2, _c3));
        int p5 = _a5.Refine16(_pr, matchLength == 0 ? _c0 : _c0 | (Math.Min(matchLength, 15) << 8) | (_match.ExpectedBit << 12) | 0x2000);
        int p6 = _a6.Refine16(p, WordSseContext(_contexts.WordPairHash, _c0));
        int p7 = _a7.Refine16(_pr, HashedSseContext(ClassesSseKey(c1), _c0));
        int p8 = _a8.Refine16(_pr, HashedSseContext(_contexts.Word0Hash, _c0));
        int p9 = _a9.Refine16(_pr, HashedSseContext(LastWordSseKey(c1), _c0));
        int first = (_pr * 16 + p2 * 3 + 2) >> 2;
        int average = Math.Clamp((first + p3 * 2 + p4 * 2 + p5 + p6 + p7 + p8 + p9 + 5) / 10, 2, 65534);
        if (_sseMixer is null)
        {
            return average;
        }

        // Model version 10: the mixer's output, each stage's and their average, blended by
        // learned weights that start as the average alone (−0.054 % on the ten 1 MB text prefixes).
        Apm.SseMixer m = _sseMixer;
        m.Add(_pr * 16 + 8);
        m.Add(p2);
        m.Add(p3);
        m.Add(p4);
        m.Add(p5);
        m.Add(p6);
        m.Add(p7);
        m.Add(p8);
        m.Add(p9);
        m.Add(average);
        return Math.Clamp(m.P(), 2, 65534);
    }

    /// <summary>Inputs of level 9's <see cref="Apm.SseMixer"/>: the mixer's output, the eight stages' and their average (last).</summary>
    private const int SseMixerInputs = 10;

    /// <summary>The classes stage's key: the classes of the last four bytes (12 bits) and c1.</summary>
    private uint ClassesSseKey(int c1) => (uint)((_classes4 << 8) | c1);

    /// <summary>The last-word stage's key: the hashed last word and c1.</summary>
    private uint LastWordSseKey(int c1) => Numerics.Hashing.Combine(_contexts.Word1Hash, (uint)c1);

    /// <summary>The order-3 extra SSE stage's context: 14 bits of hashed c3·c2·c1 × partial byte <paramref name="c0"/>.</summary>
    private static int Order3SseContext(int c0, int c1, int c2, int c3) =>
        (int)((((uint)((c3 << 16) | (c2 << 8) | c1) * Numerics.Hashing.Phi) >> 18) << 8) | c0;

    /// <summary>The word extra SSE stage's context: 14 bits of the hashed last two words × partial byte <paramref name="c0"/>.</summary>
    private static int WordSseContext(uint wordPair, int c0) => HashedSseContext(wordPair, c0);

    /// <summary>A hashed SSE stage's context: 14 bits of <paramref name="key"/> hashed × partial byte <paramref name="c0"/>.</summary>
    private static int HashedSseContext(uint key, int c0) =>
        (int)((key * Numerics.Hashing.Phi) >> 18 << 8) | c0;

    /// <summary>
    /// Starts loading the next bit's rows of the large extra SSE stages (2^22 contexts each,
    /// far past the caches), as <see cref="Update"/> does for the chain. The word and classes
    /// stages' next rows are only known within a byte; their first rows of a byte are loaded
    /// after the contexts are hashed (<see cref="PrefetchByteStart"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void PrefetchMore(int c0Next, int c1Next, int c2Next, int c3Next)
    {
        _a4.Prefetch(Order3SseContext(c0Next, c1Next, c2Next, c3Next));
        if (c0Next != 1)
        {
            _a6.Prefetch(WordSseContext(_contexts.WordPairHash, c0Next));
            _a7.Prefetch(HashedSseContext(ClassesSseKey(_c1), c0Next));
            _a8.Prefetch(HashedSseContext(_contexts.Word0Hash, c0Next));
            _a9.Prefetch(HashedSseContext(LastWordSseKey(_c1), c0Next));
        }
    }

    /// <summary>
    /// Starts loading a byte's first rows of the SSE stages keyed by the words and byte classes,
    /// once the byte boundary has updated them (<see cref="ContextHasher"/>'s words, <c>_classes4</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void PrefetchByteStart()
    {
        _a6.Prefetch(WordSseContext(_contexts.WordPairHash, 1));
        _a7.Prefetch(HashedSseContext(ClassesSseKey(_c1), 1));
        _a8.Prefetch(HashedSseContext(_contexts.Word0Hash, 1));
        _a9.Prefetch(HashedSseContext(LastWordSseKey(_c1), 1));
    }

    /// <summary>Trains level 9's six more SSE stages (out of line, as <see cref="RefineAll"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void UpdateMore(int y)
    {
        _a4.Update(y);
        _a5.Update(y);
        _a6.Update(y);
        _a7.Update(y);
        _a8.Update(y);
        _a9.Update(y);
        _sseMixer?.Update(y);
    }

    /// <summary>Final selectors 2–6 (see <see cref="FinalSelectorSets"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SelectMoreFinal(int c1, int matchLength)
    {
        int n = _settings.FinalSelectors;
        _mixer.SelectFinal((c1 << 8) | _c0);
        if (n > 2)
        {
            _mixer.SelectFinal(((_classes4 >> 6) << 8) | _c0);
        }

        if (n > 3)
        {
            _mixer.SelectFinal((_classes4 << 3) | _bitPos);
        }

        if (n > 4)
        {
            _mixer.SelectFinal((Math.Min(_wordLength, 7) << 8) | _c0 | (matchLength > 0 ? 2048 : 0));
        }

        if (n > 5)
        {
            int expected = _match.ExpectedByte;
            _mixer.SelectFinal(((expected < 0 ? 0 : 256 | expected) << 8) | _c0);
        }
    }

    /// <summary>Selectors 8–14 (see <see cref="MixerSelectorSets"/>).</summary>
    private void SelectMore(int c1, int matchLength)
    {
        int c3 = _c3;
        _mixer.Select((_classes4 << 3) | _bitPos);
        if (_settings.Selectors > 8)
        {
            _mixer.Select(c3);
        }

        if (_settings.Selectors > 9)
        {
            // Whether the bits of the byte so far are all 0 or all 1 (true at bit 0).
            int bits = _c0 & ((1 << _bitPos) - 1);
            int uniform = bits == 0 || bits == (1 << _bitPos) - 1 ? 1 : 0;
            _mixer.Select(c1 | ((_bitPos > 5 ? 1 : 0) << 8) | (uniform << 9));
        }

        if (_settings.Selectors > 10)
        {
            _mixer.Select((int)((((uint)((c3 << 16) | (_c2 << 8) | c1) * Numerics.Hashing.Phi) >> 24) << 8) | _c0);
        }

        if (_settings.Selectors > 11)
        {
            // Model version 6: weights by the last two words (−0.05 % on the ten 300 KB text prefixes).
            _mixer.Select((int)(_contexts.WordPairHash >> 16));
        }

        if (_settings.Selectors > 12)
        {
            int expected = _match.ExpectedByte;
            _mixer.Select(((expected < 0 ? 0 : 256 | expected) << 3) | _bitPos);
        }

        if (_settings.Selectors > 13)
        {
            // Model version 7: how many of the order-n contexts have a history here (their
            // "order", as paq8 selects by), by c0 and match (−0.06 %; by bit position −0.02 %).
            Debug.Assert(_settings.Orders.Length < 16);
            _mixer.Select((_cm.KnownOrders << 9) | (_c0 << 1) | (matchLength > 0 ? 1 : 0));
        }
    }

    /// <summary>Trains every component with the coded bit <paramref name="y"/> and advances the context.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Update(int y)
    {
        Debug.Assert(y == 0 || y == 1);
        if (_settings.Sse)
        {
            // The SSE rows of the next bit are known now; start loading them (see Apm.Prefetch).
            int c0Next = _bitPos < 7 ? (_c0 << 1) | y : 1;
            int c1Next = _bitPos < 7 ? _c1 : ((_c0 << 1) | y) & 255;
            _a2.Prefetch(c0Next | (c1Next << 8));
            if (_settings.SseChain)
            {
                _a3.Prefetch(Order2SseContext(c0Next, c1Next, _bitPos < 7 ? _c2 : _c1));
                if (_settings.SseExtra)
                {
                    PrefetchMore(c0Next, c1Next, _bitPos < 7 ? _c2 : _c1, _bitPos < 7 ? _c3 : _c2);
                }
            }
        }

        if (_bitPos == 7)
        {
            // The byte is complete: hash the next byte's contexts and start loading their buckets
            // now, so the memory latency hides behind this bit's training below (nothing below
            // reads the history or the hashes; BeginByte, which waits for the buckets, comes last).
            StartByte((_c0 << 1 | y) & 255);
        }

        _cm.Update(y);
        _match.Update(y);
        foreach (MatchModel m in _longMatches)
        {
            m.Update(y);
        }

        _order0.Update(y);
        _order1.Update(y);
        _order2?.Update(y);
        _dmc?.Update(y, _bitPos < 7 ? (_c0 << 1) | y : 1);
        _mixer.Update(y);
        if (_settings.Sse)
        {
            _a2.Update(y);
            if (_settings.SseChain)
            {
                _a3.Update(y);
                if (_settings.SseExtra)
                {
                    UpdateMore(y);
                }
            }
        }

        _c0 = (_c0 << 1) | y;
        _bitPos++;
        if (_bitPos == 8)
        {
            _c0Last = _c0 & 255;
            _c3 = _c2;
            _c2 = _c1;
            _c1 = _c0Last;
            _classes4 = (_classes4 >> 3) | (ByteClass.Of(_c1) << 9);
            _wordLength = ByteClass.IsWord(ByteClass.Of(_c1)) ? Math.Min(_wordLength + 1, 255) : 0;
            _c0 = 1;
            _bitPos = 0;
            if (_settings.TextModel)
            {
                if (_settings.SseExtra && _settings.SseChain)
                {
                    PrefetchByteStart();
                }
            }
            else
            {
                // The match model's update ran while the context buckets arrive (see StartByte).
                _match.ByteUpdate();
            }

            foreach (MatchModel m in _longMatches)
            {
                m.ByteUpdate();
            }

            _cm.BeginByte(_c0Last);
        }
    }

    /// <summary>
    /// First half of the byte boundary, run before the last bit's training: adds byte
    /// <paramref name="c"/> to the history, hashes the next byte's contexts and starts loading
    /// their buckets (and the match model's table entry).
    /// </summary>
    private void StartByte(int c)
    {
        _history.Add(c);
        if (_settings.Selectors > Order2Selector)
        {
            // The order-2 selector's weight set for the whole coming byte (see P).
            _mixer.Prefetch(Order2Selector, (_c1 << 8) | c);
        }

        if (_settings.TextModel)
        {
            // The text model hashes the match model's expected byte, so the match goes first.
            _match.ByteUpdate();
            _contexts.Compute(_cm, _match.ExpectedByte, _match.Length);
            _cm.Prefetch();
        }
        else
        {
            // Start loading the match model's table entry, hash the new contexts and start
            // loading their buckets; the match model's own update waits for the byte's end.
            _match.Prefetch();
            _contexts.Compute(_cm);
            _cm.Prefetch();
        }
    }

    /// <summary>Frees the native tables.</summary>
    public void Dispose()
    {
        _cm.Dispose();
        _mixer.Dispose();
        _a2.Dispose();
        _a3.Dispose();
        _a4.Dispose();
        _a5.Dispose();
        _a6.Dispose();
        _a7.Dispose();
        _a8.Dispose();
        _a9.Dispose();
    }
}
