using System.Globalization;
using CMix.Analysis;

namespace CMix.Cli.Analysis;

/// <summary>The summary <c>cmix analyze</c> prints on standard output.</summary>
internal static class TextReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Write(TextWriter w, AnalysisResult r)
    {
        CostSummary s = r.Summary;
        double costBytes = s.Bits / 8;
        w.WriteLine(string.Create(C, $"file               {r.Name}, {s.Length:N0} bytes, level {s.Level}{(s.Transform != 0 ? ", x86 call transform" : "")}"));
        w.WriteLine(string.Create(C, $"cost               {costBytes:N1} bytes = {s.BitsPerByte:0.0000} bits per byte (Σ −log2 p over every bit)"));
        if (s.Length > 0)
        {
            w.WriteLine(string.Create(C, $"coded payload      {s.CodedBytes:N0} bytes in {s.Segments} segment(s); cost / payload {costBytes / s.CodedBytes:0.00000}; an archive adds its header and {r.FrameBytes} bytes of frames"));
        }

        w.WriteLine(string.Create(C, $"time               {r.Seconds:0.00} s for the pass over the input ({s.Length / Math.Max(r.Seconds, 1e-9) / 1e6:0.000} MB/s){(r.Parts.Count > 0 ? "; the parts' passes follow it" : "")}"));
        if (s.Length == 0)
        {
            return;
        }

        w.WriteLine();
        w.WriteLine("learning curve     bits per byte in each stretch of the file");
        foreach (var (start, end, bytes, cost) in Octaves(r.Profile))
        {
            w.WriteLine(string.Create(C, $"  {Size(start),8} .. {Size(end),-8} {cost / (double)CMix.Numerics.Ilog.One / bytes,8:0.000}"));
        }

        w.WriteLine();
        w.WriteLine("byte class             bytes   share       cost   share  bits/byte");
        for (int k = 0; k < CostProfile.KindCount; k++)
        {
            long n = r.Profile.BytesOf((ByteKind)k);
            if (n == 0)
            {
                continue;
            }

            long cost = r.Profile.CostOf((ByteKind)k);
            double bits = cost / (double)CMix.Numerics.Ilog.One;
            w.WriteLine(string.Create(C,
                $"  {AnalysisResult.KindNames[k],-18} {n,11:N0} {100.0 * n / s.Length,6:0.0}% {bits / 8,10:N0} {100.0 * cost / Math.Max(s.Cost, 1),6:0.0}% {bits / n,9:0.000}"));
        }

        if (r.Parts.Count == 0)
        {
            return;
        }

        w.WriteLine();
        double baseline = r.Parts[0].Cost / (double)CMix.Numerics.Ilog.One / 8;
        w.WriteLine(string.Create(C, $"model parts        on the first {r.PartsPrefix:N0} bytes ({baseline:N1} bytes with every part): the cost added when a part's mixer inputs are set to 0"));
        double positive = r.Parts.Sum(p => Math.Max(p.SavedBits, 0));
        foreach (PartCost p in r.Parts)
        {
            double saved = p.SavedBits / 8;
            string share = positive > 0 && p.SavedBits > 0 ? string.Create(C, $"{100 * p.SavedBits / positive,5:0.0}% of the savings") : "";
            w.WriteLine(string.Create(C, $"  {p.Name,-26} {p.Inputs,3} inputs  {saved,12:+#,0.0;-#,0.0;0} bytes {100 * saved / Math.Max(baseline, 1e-9),8:+0.0;-0.0;0}%  {share}"));
        }
    }

    /// <summary>The log windows merged into whole octaves from 1 KiB: [0, 1K), [1K, 2K), [2K, 4K) …</summary>
    internal static IEnumerable<(long Start, long End, long Bytes, long Cost)> Octaves(CostProfile profile)
    {
        long start = 0, end = 1024, bytes = 0, cost = 0;
        foreach (var w in profile.LogWindows)
        {
            if (w.Start >= end && bytes > 0)
            {
                yield return (start, start + bytes, bytes, cost);
                start += bytes;
                bytes = cost = 0;
                while (end <= w.Start)
                {
                    end *= 2;
                }
            }

            bytes += w.Bytes;
            cost += w.Cost;
        }

        if (bytes > 0)
        {
            yield return (start, start + bytes, bytes, cost);
        }
    }

    /// <summary>A position as a round binary size: 0, 512, 1K, 64K, 1M, 1.5G.</summary>
    internal static string Size(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(C),
        < 1L << 20 => Round(bytes / 1024.0) + "K",
        < 1L << 30 => Round(bytes / 1048576.0) + "M",
        _ => Round(bytes / 1073741824.0) + "G",
    };

    private static string Round(double v) => v.ToString(v >= 100 || v == Math.Floor(v) ? "0" : "0.#", C);
}
