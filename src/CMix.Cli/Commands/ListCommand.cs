using System.Globalization;

namespace CMix.Cli.Commands;

/// <summary>
/// <c>cmix list</c> / <c>-l</c> / <c>--list</c> (xz's list mode): one line per input (archive
/// and original size, ratio, bits per byte, level, blocks, stored name), then a totals line when
/// there are several; <c>--json</c> gives the same as one JSON document.
/// </summary>
internal static class ListCommand
{
    public static int Run(ListVerbOptions options, CliConsole console)
    {
        var described = ArchiveScan.All([.. options.Files], console, out int code);
        if (options.Json)
        {
            ArchiveScan.WriteJson(console.Out, described, totals: true);
            return code;
        }

        var c = CultureInfo.InvariantCulture;
        var w = console.Out;
        w.WriteLine($"{"archive",14} {"original",14} {"ratio",7} {"bpb",6} {"level",5} {"blocks",6}  file (stored name)");
        var ok = described.Where(d => d.Info is not null).ToList();
        foreach (var d in ok)
        {
            var h = d.Info!.Header;
            string name = h.Name.Length == 0 ? "" : $" ({h.Name})";
            string more = d.Members > 1 ? $" [{d.Members} archives]" : "";
            w.WriteLine(string.Create(c, $"{d.Archive,14} {d.Original,14} {Ratio(d.Archive, d.Original),7} {Bpb(d.Archive, d.Original),6} {h.Level,5} {d.Info.Blocks,6}  {d.Path}{name}{more}"));
        }

        if (ok.Count > 1)
        {
            long archive = ok.Sum(d => d.Archive), original = ok.Sum(d => d.Original);
            w.WriteLine(string.Create(c, $"{archive,14} {original,14} {Ratio(archive, original),7} {Bpb(archive, original),6} {"",5} {"",6}  total, {ok.Count} files"));
        }

        return code;
    }

    private static string Ratio(long archive, long original) =>
        original > 0 ? string.Create(CultureInfo.InvariantCulture, $"{100.0 * archive / original:0.0}%") : "-";

    private static string Bpb(long archive, long original) =>
        original > 0 ? string.Create(CultureInfo.InvariantCulture, $"{8.0 * archive / original:0.000}") : "-";
}
