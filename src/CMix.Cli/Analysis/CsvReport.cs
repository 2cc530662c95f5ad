using System.Globalization;
using CMix.Analysis;

namespace CMix.Cli.Analysis;

/// <summary>
/// <c>--csv</c>: one table, <c>section,name,start,end,bytes,bits,bits_per_byte,share</c>. Sections:
/// <c>summary</c> (the whole input; share = cost / coded payload), <c>window</c> (the linear
/// windows), <c>log_window</c> (the learning curve's), <c>class</c> (share of the cost) and
/// <c>part</c> (bits = the cost added without the part's inputs; share of the summed savings).
/// </summary>
internal static class CsvReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Write(TextWriter w, AnalysisResult r)
    {
        CostSummary s = r.Summary;
        w.WriteLine("section,name,start,end,bytes,bits,bits_per_byte,share");
        Row(w, "summary", "level " + s.Level, 0, s.Length, s.Length, s.Bits, s.CodedBytes == 0 ? 0 : s.Bits / 8 / s.CodedBytes);
        Row(w, "summary", "coded_payload", 0, s.Length, s.Length, 8.0 * s.CodedBytes, 1);
        foreach (var win in r.Profile.Windows)
        {
            Row(w, "window", "", win.Start, win.Start + win.Bytes, win.Bytes, Bits(win.Cost), Share(win.Cost, s.Cost));
        }

        foreach (var win in r.Profile.LogWindows)
        {
            Row(w, "log_window", "", win.Start, win.Start + win.Bytes, win.Bytes, Bits(win.Cost), Share(win.Cost, s.Cost));
        }

        for (int k = 0; k < CostProfile.KindCount; k++)
        {
            long cost = r.Profile.CostOf((ByteKind)k);
            Row(w, "class", AnalysisResult.KindNames[k], 0, s.Length, r.Profile.BytesOf((ByteKind)k), Bits(cost), Share(cost, s.Cost));
        }

        double positive = r.Parts.Sum(p => Math.Max(p.SavedBits, 0));
        foreach (PartCost p in r.Parts)
        {
            Row(w, "part", p.Name, 0, r.PartsPrefix, r.PartsPrefix, p.SavedBits, positive > 0 ? Math.Max(p.SavedBits, 0) / positive : 0);
        }
    }

    private static double Bits(long cost) => cost / (double)CMix.Numerics.Ilog.One;

    private static double Share(long part, long all) => all == 0 ? 0 : part / (double)all;

    private static void Row(TextWriter w, string section, string name, long start, long end, long bytes, double bits, double share)
    {
        string quoted = name.Contains(',') || name.Contains('"') ? "\"" + name.Replace("\"", "\"\"") + "\"" : name;
        double bpb = bytes == 0 ? 0 : bits / bytes;
        w.WriteLine(string.Create(C, $"{section},{quoted},{start},{end},{bytes},{bits:0.###},{bpb:0.#####},{share:0.######}"));
    }
}
