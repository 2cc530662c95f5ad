using System.Globalization;

namespace CMix.CorpusBench;

/// <summary>
/// A vertical axis of the history chart: maps values to pixels and lists round ticks. A linear
/// axis steps by 1, 2 or 5 × 10^k and ends on ticks; a log axis ends on values of the 1-2-5
/// series, with major ticks at the decades and minor ones at 2 and 5 × 10^k (labelled only when
/// a decade is tall enough for three labels). Both leave a margin of <see cref="Margin"/> of the
/// span, so that no value lies on the frame unless it is a tick.
/// </summary>
internal sealed class ChartAxis
{
    /// <summary>Pixels a decade needs before its 2 and 5 ticks are labelled.</summary>
    public const double MinorLabelPixelsPerDecade = 60;

    /// <summary>The fraction of the data's span (of its log for a log axis) kept clear above and below it.</summary>
    public const double Margin = 0.03;

    private static readonly double[] s_mantissas = [1, 2, 5];

    private readonly double _bottom;
    private readonly double _height;

    private ChartAxis(bool log, double lo, double hi, double bottom, double height, IReadOnlyList<Tick> ticks)
    {
        IsLog = log;
        Lo = lo;
        Hi = hi;
        _bottom = bottom;
        _height = height;
        Ticks = ticks;
    }

    /// <summary>One tick: its value, its label (null: gridline only) and whether it is a major one.</summary>
    public readonly record struct Tick(double Value, string? Label, bool Major);

    /// <summary>Whether the axis is logarithmic.</summary>
    public bool IsLog { get; }

    /// <summary>The value at the bottom of the axis.</summary>
    public double Lo { get; }

    /// <summary>The value at the top of the axis.</summary>
    public double Hi { get; }

    /// <summary>The ticks, bottom to top; the first is <see cref="Lo"/> and the last <see cref="Hi"/>.</summary>
    public IReadOnlyList<Tick> Ticks { get; }

    /// <summary>
    /// A linear axis over [<paramref name="min"/>, <paramref name="max"/>] drawn upwards from
    /// pixel row <paramref name="bottom"/> over <paramref name="height"/> pixels, with about
    /// <paramref name="intervals"/> intervals of 1, 2 or 5 × 10^k.
    /// </summary>
    public static ChartAxis Linear(double min, double max, double bottom, double height, int intervals = 8)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(min, max);
        double span = max > min ? max - min : Math.Max(Math.Abs(max), 1);
        double step = CeilingOf125(span / intervals);
        (min, max) = (min >= 0 ? Math.Max(0, min - Margin * span) : min - Margin * span, max + Margin * span);
        long first = (long)Math.Floor(min / step + 1e-9);
        long last = (long)Math.Ceiling(max / step - 1e-9);
        if (last == first)
        {
            last++;
        }

        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        var ticks = new List<Tick>();
        for (long k = first; k <= last; k++)
        {
            double v = k * step;
            ticks.Add(new Tick(v, v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), Major: true));
        }

        return new ChartAxis(log: false, first * step, last * step, bottom, height, ticks);
    }

    /// <summary>
    /// A log axis over [<paramref name="min"/>, <paramref name="max"/>] (both &gt; 0) drawn upwards
    /// from pixel row <paramref name="bottom"/> over <paramref name="height"/> pixels.
    /// </summary>
    public static ChartAxis Log(double min, double max, double bottom, double height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(min);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(min, max);
        double pad = Math.Pow(10, Margin * Math.Max(Math.Log10(max / min), 1));
        (min, max) = (min / pad, max * pad);
        int first = FloorIndex(min);
        int last = FloorIndex(max);
        if (SeriesValue(last) < max * (1 - 1e-9))
        {
            last++;
        }

        if (last == first)
        {
            last++;
        }

        double lo = SeriesValue(first);
        double hi = SeriesValue(last);
        int majors = Enumerable.Range(first, last - first + 1).Count(i => Mod3(i) == 0);
        bool labelMinors = majors < 2 || height / (Math.Log10(hi) - Math.Log10(lo)) >= MinorLabelPixelsPerDecade;
        var ticks = new List<Tick>();
        for (int i = first; i <= last; i++)
        {
            bool major = Mod3(i) == 0;
            ticks.Add(new Tick(SeriesValue(i), major || labelMinors || i == first || i == last ? Label(i) : null, major));
        }

        return new ChartAxis(log: true, lo, hi, bottom, height, ticks);
    }

    /// <summary>The pixel row of <paramref name="v"/>; null for a value a log axis cannot show (≤ 0).</summary>
    public double? Y(double v)
    {
        if (IsLog)
        {
            return v > 0 ? _bottom - (Math.Log10(v) - Math.Log10(Lo)) / (Math.Log10(Hi) - Math.Log10(Lo)) * _height : null;
        }

        return _bottom - (v - Lo) / (Hi - Lo) * _height;
    }

    /// <summary>The smallest 1, 2 or 5 × 10^k that is at least <paramref name="x"/> (&gt; 0).</summary>
    public static double CeilingOf125(double x)
    {
        int i = FloorIndex(x);
        return SeriesValue(i) < x * (1 - 1e-9) ? SeriesValue(i + 1) : SeriesValue(i);
    }

    // The 1-2-5 series: index 3k + j is s_mantissas[j] × 10^k.
    private static double SeriesValue(int i) => s_mantissas[Mod3(i)] * Math.Pow(10, FloorDiv3(i));

    private static int FloorIndex(double v)
    {
        int k = (int)Math.Floor(Math.Log10(v) + 1e-9);
        double m = v / Math.Pow(10, k);
        return 3 * k + (m >= 5 - 1e-9 ? 2 : m >= 2 - 1e-9 ? 1 : 0);
    }

    private static string Label(int i)
    {
        int k = FloorDiv3(i);
        return SeriesValue(i).ToString(k >= 0 ? "N0" : "F" + (-k).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static int Mod3(int i) => ((i % 3) + 3) % 3;

    private static int FloorDiv3(int i) => (i - Mod3(i)) / 3;
}
