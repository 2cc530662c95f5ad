using System.Diagnostics;

namespace CMix.Analysis;

/// <summary>
/// Aggregates per-byte costs (a <see cref="CostSink"/>) into the reports of <c>cmix analyze</c>,
/// in memory bounded whatever the input's size:
/// <list type="bullet">
/// <item>linear windows: equal runs of <see cref="WindowSize"/> bytes along the file (a heat
/// strip). They start at 256 bytes; whenever <see cref="MaxWindows"/> exist, neighbours merge in
/// pairs and the size doubles, so there are never more, and their size depends only on the length;</item>
/// <item>log windows: positions [b_k, b_(k+1)) with b_k ≈ 2^(k/8), eight a doubling (the learning
/// curve on a log axis: the first bytes alone, then ever longer stretches), at most 8 × 40;</item>
/// <item>per <see cref="ByteKind"/>: bytes and cost.</item>
/// </list>
/// Costs are in units of 2^-16 bit, as the analyzer gives them.
/// </summary>
public sealed class CostProfile
{
    /// <summary>Most linear windows kept; past it neighbours merge.</summary>
    public const int MaxWindows = 8192;

    /// <summary>The first linear window size.</summary>
    public const int FirstWindowSize = 256;

    /// <summary>Log windows per doubling of the position.</summary>
    public const int LogStepsPerOctave = 8;

    private static readonly ByteKind[] s_kinds = BuildKinds();
    private static readonly long[] s_logBounds = BuildLogBounds();

    private readonly List<Window> _windows = [];
    private long _windowBytes;
    private long _windowCost;
    private readonly List<Window> _log = [];
    private int _logIndex;        // the log window being filled, an index into s_logBounds
    private long _logCost;
    private readonly long[] _kindBytes = new long[KindCount];
    private readonly long[] _kindCost = new long[KindCount];

    /// <summary>Number of <see cref="ByteKind"/> values.</summary>
    public const int KindCount = (int)ByteKind.Binary + 1;

    /// <summary>One window: where it starts, how many bytes, their total cost (2^-16 bit).</summary>
    public readonly record struct Window(long Start, long Bytes, long Cost)
    {
        /// <summary>Bits per byte in the window.</summary>
        public double BitsPerByte => Bytes == 0 ? 0 : Cost / (double)Numerics.Ilog.One / Bytes;
    }

    /// <summary>Bytes seen.</summary>
    public long Length { get; private set; }

    /// <summary>Total cost seen.</summary>
    public long Cost { get; private set; }

    /// <summary>Bytes per linear window now.</summary>
    public long WindowSize { get; private set; } = FirstWindowSize;

    /// <summary>The class of byte <paramref name="b"/>.</summary>
    public static ByteKind KindOf(byte b) => s_kinds[b];

    /// <summary>Adds the costs of bytes that follow the ones added before (the <see cref="CostSink"/> shape).</summary>
    public void Add(long offset, ReadOnlySpan<byte> bytes, ReadOnlySpan<int> costs)
    {
        if (offset != Length || bytes.Length != costs.Length)
        {
            throw new ArgumentException("costs must be added in input order, one per byte");
        }

        for (int i = 0; i < bytes.Length; i++)
        {
            int c = costs[i];
            Debug.Assert(c >= 0);
            long position = Length++;
            Cost += c;
            int kind = (int)s_kinds[bytes[i]];
            _kindBytes[kind]++;
            _kindCost[kind] += c;

            _windowBytes++;
            _windowCost += c;
            if (_windowBytes == WindowSize)
            {
                CloseWindow();
            }

            _logCost += c;
            if (position + 1 == s_logBounds[_logIndex + 1])
            {
                long start = s_logBounds[_logIndex];
                _log.Add(new Window(start, position + 1 - start, _logCost));
                _logIndex++;
                _logCost = 0;
            }
        }
    }

    private void CloseWindow()
    {
        _windows.Add(new Window(Length - _windowBytes, _windowBytes, _windowCost));
        _windowBytes = 0;
        _windowCost = 0;
        if (_windows.Count < MaxWindows)
        {
            return;
        }

        for (int i = 0; i < MaxWindows / 2; i++)
        {
            Window a = _windows[2 * i], b = _windows[(2 * i) + 1];
            _windows[i] = new Window(a.Start, a.Bytes + b.Bytes, a.Cost + b.Cost);
        }

        _windows.RemoveRange(MaxWindows / 2, MaxWindows / 2);
        WindowSize *= 2;
    }

    /// <summary>The linear windows, the last one partial when the length is not a multiple of <see cref="WindowSize"/>.</summary>
    public IReadOnlyList<Window> Windows
    {
        get
        {
            var all = new List<Window>(_windows);
            if (_windowBytes > 0)
            {
                all.Add(new Window(Length - _windowBytes, _windowBytes, _windowCost));
            }

            return all;
        }
    }

    /// <summary>The log windows (learning curve), the last one partial.</summary>
    public IReadOnlyList<Window> LogWindows
    {
        get
        {
            var all = new List<Window>(_log);
            long start = s_logBounds[_logIndex];
            if (Length > start)
            {
                all.Add(new Window(start, Length - start, _logCost));
            }

            return all;
        }
    }

    /// <summary>Bytes of class <paramref name="kind"/>.</summary>
    public long BytesOf(ByteKind kind) => _kindBytes[(int)kind];

    /// <summary>Cost of the bytes of class <paramref name="kind"/>.</summary>
    public long CostOf(ByteKind kind) => _kindCost[(int)kind];

    private static ByteKind[] BuildKinds()
    {
        var kinds = new ByteKind[256];
        for (int b = 0; b < 256; b++)
        {
            kinds[b] = b switch
            {
                >= 'a' and <= 'z' or >= 'A' and <= 'Z' => ByteKind.Letter,
                >= '0' and <= '9' => ByteKind.Digit,
                ' ' or '\t' or '\n' or '\r' => ByteKind.Space,
                '<' or '>' or '&' or ';' or '=' or '/' or '"' or '[' or ']' or '{' or '}' or '|' => ByteKind.Markup,
                > ' ' and < 0x7F => ByteKind.Punctuation,
                >= 0x80 and <= 0xBF => ByteKind.Utf8Continuation,
                >= 0xC2 and <= 0xF4 => ByteKind.Utf8Lead,
                _ => ByteKind.Binary,
            };
        }

        return kinds;
    }

    /// <summary>
    /// b_0 = 0, b_1 = 1, then b_(k+1) = max(b_k + 1, ⌊2^(k/8)⌉) up to 2^40 bytes, in integers
    /// (2^(k/8) from a 1/8-octave table of 2^(j/8) × 2^32, j = 0..7, shifted).
    /// </summary>
    private static long[] BuildLogBounds()
    {
        // round(2^(j/8) × 2^32), j = 0..7.
        ReadOnlySpan<long> roots = [4294967296, 4683695048, 5107605667, 5569883475, 6074001000, 6623745059, 7223245206, 7877004752];
        var bounds = new List<long> { 0, 1 };
        for (int k = 1; k <= 40 * LogStepsPerOctave; k++)
        {
            int octave = k / LogStepsPerOctave;
            long v = octave >= 32 ? roots[k % LogStepsPerOctave] << (octave - 32) : (roots[k % LogStepsPerOctave] + (1L << (31 - octave))) >> (32 - octave);
            bounds.Add(Math.Max(bounds[^1] + 1, v));
        }

        return [.. bounds];
    }
}
