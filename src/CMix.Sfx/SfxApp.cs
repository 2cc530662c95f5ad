using CMix.Coding;
using CMix.Sfx.IO;

namespace CMix.Sfx;

/// <summary>
/// The self-extractor: finds the archive embedded in its own executable through the
/// <see cref="SfxTrailer"/>, and decodes it (verifying the checksum) to a file or stdout.
/// Exit codes: 0 extracted, 1 error (nothing written), 2 usage.
/// </summary>
internal static class SfxApp
{
    private const string Usage =
        "usage: {0} [-c] [-f] [-q] [OUTPUT]\n" +
        "  Extracts the CMix archive embedded in this file and verifies its checksum.\n" +
        "  OUTPUT   file to write (default: the stored file name, in the current directory)\n" +
        "  -c       write to standard output\n" +
        "  -f       overwrite an existing file\n" +
        "  -q       print nothing on success\n" +
        "  exit codes: 0 ok, 1 error (no output file is left behind), 2 usage\n";

    /// <summary>
    /// Extracts the archive embedded in <paramref name="selfPath"/>; <paramref name="stdout"/> is used
    /// only with <c>-c</c>, messages go to <paramref name="stderr"/>. Returns the exit code.
    /// </summary>
    public static int Run(string? selfPath, string[] args, Stream stdout, TextWriter stderr)
    {
        string name = DisplayName(selfPath);
        bool toStdout = false, force = false, quiet = false, dashDash = false;
        string? output = null;
        foreach (string arg in args)
        {
            if (!dashDash && arg.Length > 1 && arg[0] == '-')
            {
                switch (arg)
                {
                    case "-c" or "--stdout":
                        toStdout = true;
                        continue;
                    case "-f" or "--force":
                        force = true;
                        continue;
                    case "-q" or "--quiet":
                        quiet = true;
                        continue;
                    case "--":
                        dashDash = true;
                        continue;
                    case "-h" or "--help":
                        stderr.Write(string.Format(Usage, name));
                        return 0;
                    default:
                        stderr.WriteLine($"{name}: unknown option {arg}");
                        stderr.Write(string.Format(Usage, name));
                        return 2;
                }
            }

            if (output is not null)
            {
                stderr.WriteLine($"{name}: only one output name may be given");
                return 2;
            }

            output = arg;
        }

        if (toStdout && output is not null)
        {
            stderr.WriteLine($"{name}: give either -c or an output name, not both");
            return 2;
        }

        if (selfPath is null)
        {
            stderr.WriteLine($"{name}: cannot locate this executable to read the embedded archive");
            return 1;
        }

        try
        {
            using var self = SelfImage.Open(selfPath);
            long fileLength = self.Length;
            Span<byte> tail = stackalloc byte[SfxTrailer.Size];
            if (fileLength < SfxTrailer.Size)
            {
                stderr.WriteLine($"{name}: no self-extracting archive found in this file (it is too short)");
                return 1;
            }

            self.Position = fileLength - SfxTrailer.Size;
            self.ReadExactly(tail);
            if (SfxTrailer.TryParse(tail, fileLength, out string? trailerError) is not SfxTrailer trailer)
            {
                stderr.WriteLine($"{name}: {trailerError}");
                return 1;
            }

            var archive = new BoundedReadStream(self, trailer.StubLength, trailer.ArchiveLength);
            if (toStdout)
            {
                Compressor.Decompress(archive, stdout, threads: 0);
                return 0;
            }

            if (output is null)
            {
                var header = ArchiveHeader.Read(archive);
                archive.Position = 0;
                output = SanitizeStoredName(header.Name);
                if (output is null)
                {
                    stderr.WriteLine($"{name}: the archive stores no usable file name; give one: {name} OUTPUT (or -c for stdout)");
                    return 2;
                }
            }

            using var file = ExtractedFile.Create(output, force);
            long length = Compressor.Decompress(archive, file.Stream, threads: 0);
            file.Commit();
            if (!quiet)
            {
                stderr.WriteLine($"{name}: extracted {output} ({length} bytes, checksum verified)");
            }

            return 0;
        }
        catch (CmixFormatException e)
        {
            stderr.WriteLine($"{name}: damaged self-extracting archive: {e.Message}; nothing was written");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"{name}: {e.Message}");
            return 1;
        }
    }

    /// <summary>The name messages start with: this executable's file name, or <c>cmix-sfx</c>.</summary>
    internal static string DisplayName(string? selfPath) =>
        selfPath is null ? "cmix-sfx" : System.IO.Path.GetFileName(selfPath);

    /// <summary>
    /// Reduces a stored name to a plain file name in the current directory (no directories, no
    /// control characters, not "." or ".."); null when nothing usable is left.
    /// </summary>
    internal static string? SanitizeStoredName(string stored)
    {
        string last = stored.Replace('\\', '/');
        int slash = last.LastIndexOf('/');
        if (slash >= 0)
        {
            last = last[(slash + 1)..];
        }

        var chars = new System.Text.StringBuilder(last.Length);
        foreach (char c in last)
        {
            if (!char.IsControl(c))
            {
                chars.Append(c);
            }
        }

        string clean = chars.ToString().Trim();
        return clean is "" or "." or ".." ? null : clean;
    }
}
