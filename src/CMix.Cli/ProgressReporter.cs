using System.Diagnostics;
using System.Globalization;
using CMix.Coding;

namespace CMix.Cli;

/// <summary>
/// The one-line progress display on stderr: percent, MB/s, ETA and ratio, redrawn with a carriage
/// return at most <see cref="UpdatesPerSecond"/> times a second. <see cref="Report"/> is called
/// from coding threads and is thread-safe; when disabled (stderr redirected, -q) it does nothing.
/// </summary>
internal sealed class ProgressReporter
{
    /// <summary>Maximum redraws per second.</summary>
    public const int UpdatesPerSecond = 4;

    private readonly TextWriter _writer;
    private readonly string _label;
    private readonly Func<long>? _compressedBytes;
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly long _interval = Stopwatch.Frequency / UpdatesPerSecond;
    private readonly Lock _lock = new();
    private long _next;
    private int _lastWidth;
    private long _baseline = -1;
    private long _lastPacked;
    private long _processedAtPacked;

    /// <summary>
    /// Creates a reporter writing to <paramref name="writer"/> when <paramref name="enabled"/>;
    /// <paramref name="compressedBytes"/> gives the archive bytes written so far, for the ratio.
    /// </summary>
    public ProgressReporter(TextWriter writer, bool enabled, string label, Func<long>? compressedBytes)
    {
        _writer = writer;
        Enabled = enabled;
        _label = label;
        _compressedBytes = compressedBytes;
        _next = _start + _interval;
    }

    /// <summary>
    /// A ratio known in advance (decompressing a file whose header states the original length);
    /// when set it is shown instead of the ratio derived from <c>compressedBytes</c>.
    /// </summary>
    public double? FixedRatio { get; set; }

    /// <summary>Whether anything is drawn.</summary>
    public bool Enabled { get; }

    /// <summary>The callback to hand to <see cref="Compressor"/>, or null when disabled.</summary>
    public Action<CodingProgress>? Callback => Enabled ? Report : null;

    /// <summary>Redraws the line if the last redraw is at least 1/<see cref="UpdatesPerSecond"/> s old.</summary>
    public void Report(CodingProgress progress)
    {
        long now = Stopwatch.GetTimestamp();
        long next = Volatile.Read(ref _next);
        if (!Enabled || now < next || Interlocked.CompareExchange(ref _next, now + _interval, next) != next)
        {
            return;
        }

        lock (_lock)
        {
            string line = Format(progress, Stopwatch.GetElapsedTime(_start, now), FixedRatio ?? ObservedRatio(progress.ProcessedBytes));
            int pad = Math.Max(0, _lastWidth - line.Length);
            _writer.Write("\r" + _label + ": " + line + new string(' ', pad));
            _writer.Flush();
            _lastWidth = line.Length;
        }
    }

    /// <summary>
    /// Archive bytes over input bytes for the completed segments. Core codes a segment (4 MiB) in
    /// memory and writes it whole, so the ratio is taken when the written count last changed and
    /// the header written before any data is not counted. Null until the first segment is out.
    /// </summary>
    private double? ObservedRatio(long processed)
    {
        if (_compressedBytes is null)
        {
            return null;
        }

        long packed = _compressedBytes();
        if (_baseline < 0)
        {
            _baseline = packed;
            _lastPacked = packed;
        }
        else if (packed != _lastPacked)
        {
            _lastPacked = packed;
            _processedAtPacked = processed;
        }

        return _processedAtPacked > 0 ? (double)_lastPacked / _processedAtPacked : null;
    }

    /// <summary>Erases the line so that what follows starts clean.</summary>
    public void Finish()
    {
        if (!Enabled)
        {
            return;
        }

        lock (_lock)
        {
            if (_lastWidth > 0)
            {
                _writer.Write("\r" + new string(' ', _label.Length + 2 + _lastWidth) + "\r");
                _writer.Flush();
                _lastWidth = 0;
            }
        }
    }

    /// <summary>The text of one progress line (without the label).</summary>
    internal static string Format(CodingProgress progress, TimeSpan elapsed, double? ratio)
    {
        var c = CultureInfo.InvariantCulture;
        double seconds = Math.Max(elapsed.TotalSeconds, 1e-3);
        double rate = progress.ProcessedBytes / seconds;
        string text = string.Create(c, $"{progress.ProcessedBytes / 1e6:0.0} MB  {rate / 1e6:0.00} MB/s");
        if (progress.TotalBytes is long total && total > 0)
        {
            double fraction = Math.Clamp((double)progress.ProcessedBytes / total, 0, 1);
            string eta = rate > 0 ? FormatDuration(TimeSpan.FromSeconds((total - progress.ProcessedBytes) / rate)) : "?";
            text = string.Create(c, $"{100 * fraction,5:0.0}%  ") + text + "  ETA " + eta;
        }

        if (ratio is double r)
        {
            text += string.Create(c, $"  ratio {100.0 * r:0.0}%");
        }

        return text;
    }

    /// <summary>h:mm:ss or m:ss.</summary>
    internal static string FormatDuration(TimeSpan t) =>
        t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:00}");
}
