using System.Globalization;
using CMix.Cli.IO;
using CMix.Coding;

namespace CMix.Cli.Commands;

/// <summary>
/// The frame scan behind <c>info FILE...</c> and <c>list</c>: each input opened once (a pipe
/// works; an SFX is seen through its trailer), every concatenated archive in it walked without
/// decoding. One unreadable file is reported and the others are still described.
/// </summary>
internal static class ArchiveScan
{
    /// <summary>One described input: the first archive's info, and the sums over all archives in it.</summary>
    public sealed record Described(string Path, ArchiveInfo? Info, int Members, long Original, long Archive, long? StubLength, string? Error);

    /// <summary>Scans every input; errors are printed (<c>cmix: FILE: reason</c>) and make <paramref name="code"/> 1.</summary>
    public static List<Described> All(IReadOnlyList<string> files, CliConsole console, out int code)
    {
        code = ExitCodes.Ok;
        var result = new List<Described>();
        foreach (string path in files.Count == 0 ? ["-"] : files)
        {
            try
            {
                result.Add(One(path, console));
            }
            catch (Exception e) when (e is CmixFormatException or IOException or UnauthorizedAccessException or CliException && e is not BrokenPipeException)
            {
                console.Error.WriteLine($"cmix: {path}: {e.Message}");
                result.Add(new Described(path, null, 0, 0, 0, null, e.Message));
                code = ExitCodes.Error;
            }
        }

        return result;
    }

    private static Described One(string path, CliConsole console)
    {
        bool fromStdin = path == "-";
        if (fromStdin && console.InputIsTerminal)
        {
            throw new CliException("compressed data is not read from a terminal; redirect a file into cmix or name one");
        }

        if (!fromStdin && Directory.Exists(path))
        {
            throw new CliException("is a directory");
        }

        using var opened = fromStdin ? ArchiveInput.Stdin(console.Input) : ArchiveInput.Open(path);
        var source = new RewindableStream(opened.Archive);
        ArchiveInfo? first = null;
        int members = 0;
        long original = 0, archive = 0;
        while (true)
        {
            source.Mark();
            if (members > 0 && source.ReadByte() == -1)
            {
                break;
            }

            source.Rewind();
            ArchiveInfo info;
            try
            {
                info = Compressor.Inspect(source, scanFrames: true);
            }
            catch (CmixFormatException e) when (members > 0)
            {
                throw new CmixFormatException($"unexpected data after the end of archive {members} ({e.Message})");
            }

            first ??= info;
            members++;
            original += info.OriginalLength ?? 0;
            archive += info.ArchiveLength ?? 0;
        }

        return new Described(fromStdin ? "(stdin)" : path, first, members, original, archive, opened.StubLength, null);
    }

    /// <summary>Writes <paramref name="described"/> as JSON (with totals for list).</summary>
    public static void WriteJson(TextWriter w, List<Described> described, bool totals)
    {
        var json = new JsonText(w);
        json.Begin();
        json.BeginArray("files");
        foreach (var d in described)
        {
            json.BeginObject();
            json.Field("file", d.Path);
            if (d.Info is null)
            {
                json.Field("error", d.Error);
                json.EndObject();
                continue;
            }

            var h = d.Info.Header;
            json.Field("archives", d.Members);
            json.Field("format_version", h.FormatVersion);
            json.Field("model_version", h.ModelVersion);
            json.Field("level", h.Level);
            json.Field("transform", h.Transform);
            json.Field("block_size", h.BlockSize);
            json.Field("prime_bytes", h.PrimeLength);
            json.Field("input_bits", h.InputBits);
            json.Field("memory_estimate", Compressor.EstimateMemory(h.Level, 1, h.BlockSize, h.InputBits));
            json.Field("stored_name", h.Name);
            if (h.Reference is ReferenceStamp reference)
            {
                json.Field("reference_bytes", reference.Length);
                json.Field("reference_xxhash64", reference.Hash.ToString("x16", CultureInfo.InvariantCulture));
            }
            json.Field("blocks", d.Info.Blocks);
            json.Field("segments", d.Info.Segments);
            json.Field("original_bytes", d.Original);
            json.Field("archive_bytes", d.Archive);
            json.Field("sfx_stub_bytes", d.StubLength);
            if (d.Original > 0)
            {
                json.Number("bits_per_byte", 8.0 * d.Archive / d.Original);
            }

            json.Field("xxhash64", d.Info.Checksum?.ToString("x16", CultureInfo.InvariantCulture));
            json.EndObject();
        }

        json.EndArray();
        if (totals)
        {
            var ok = described.Where(d => d.Info is not null).ToList();
            json.BeginObject("totals");
            json.Field("files", ok.Count);
            json.Field("original_bytes", ok.Sum(d => d.Original));
            json.Field("archive_bytes", ok.Sum(d => d.Archive));
            json.EndObject();
        }

        json.End();
    }
}
