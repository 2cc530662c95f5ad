using System.Runtime.CompilerServices;
using CMix.Sfx;

namespace CMix.Cli.Commands;

/// <summary>
/// The Hutter Prize total S of one run, in the two forms the rules allow. The rules
/// (prize.hutter1.net/hrules.htm): S = S1 + S2, where S2 is the self-extracting archive that
/// reproduces the file with no other input, and S1 is the compressor, given either as its
/// executable or as a zip of its source code (with what it takes to build it).
/// <list type="bullet">
/// <item>binary form: S = |cmix| + |SFX archive|, with |SFX archive| = |cmix-sfx stub| + |archive| + trailer;</item>
/// <item>source form: S = |source zip| + |archive|, the zip holding the compressor's and the
/// decompressor's sources and build files (<c>tools/source-zip.sh</c>), so the stub is not
/// counted a second time.</item>
/// </list>
/// A form whose part cannot be measured (no stub, a JIT build, no zip) is reported as missing,
/// with how to provide it, never estimated.
/// </summary>
internal static class HutterTotal
{
    /// <summary>Environment variable naming the source zip.</summary>
    public const string SourceZipVariable = "CMIX_SOURCE_ZIP";

    /// <summary>File name of the source zip beside cmix (what <c>tools/source-zip.sh</c> and <c>build.ps1 publish</c> write).</summary>
    public const string SourceZipName = "cmix-source.zip";

    /// <summary>Writes the binary and source totals for an archive of <paramref name="archiveBytes"/> and a stub of <paramref name="stubBytes"/> (0: none found).</summary>
    public static void Report(TextWriter w, long archiveBytes, long stubBytes) =>
        Report(w, archiveBytes, stubBytes, CompressorExecutable(), SourceZip());

    /// <summary>
    /// As <see cref="Report(TextWriter, long, long)"/> with the compressor executable and the source
    /// zip given (null: not available, reported as such).
    /// </summary>
    internal static void Report(TextWriter w, long archiveBytes, long stubBytes, string? exe, string? zip)
    {
        w.WriteLine("hutter total       S = S1 (compressor: executable, or zip of sources and build files) + S2 (self-extracting archive)");
        if (exe is null)
        {
            w.WriteLine("  binary form      not computed: this cmix is not a NativeAOT single file (publish one: dotnet pwsh build.ps1 publish)");
        }
        else if (stubBytes == 0)
        {
            w.WriteLine("  binary form      not computed: no SFX stub (see the stub line above)");
        }
        else
        {
            long cmix = new FileInfo(exe).Length;
            long sfx = stubBytes + archiveBytes + SfxTrailer.Size;
            w.WriteLine($"  binary form      S = cmix {cmix} + SFX (stub {stubBytes} + archive {archiveBytes} + trailer {SfxTrailer.Size}) = {cmix + sfx} bytes");
        }

        if (zip is null)
        {
            w.WriteLine($"  source form      not computed: no {SourceZipName} beside cmix or in ${SourceZipVariable} (make it: bash tools/source-zip.sh)");
        }
        else
        {
            long zipBytes = new FileInfo(zip).Length;
            w.WriteLine($"  source form      S = source zip {zipBytes} ({zip}) + archive {archiveBytes} = {zipBytes + archiveBytes} bytes");
        }
    }

    /// <summary>The running cmix when it is one self-contained executable (NativeAOT), else null.</summary>
    private static string? CompressorExecutable()
    {
        string? path = Environment.ProcessPath;
        return !RuntimeFeature.IsDynamicCodeSupported && path is not null && File.Exists(path) ? path : null;
    }

    private static string? SourceZip()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(SourceZipVariable);
        string path = string.IsNullOrEmpty(fromEnvironment) ? Path.Combine(AppContext.BaseDirectory, SourceZipName) : fromEnvironment;
        return File.Exists(path) ? path : null;
    }
}
