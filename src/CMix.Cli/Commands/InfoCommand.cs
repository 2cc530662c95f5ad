using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using CMix.Cli.IO;
using CMix.Coding;
using CMix.Mixing.Gpu;
using CMix.Prediction;
using CMix.Sfx;

namespace CMix.Cli.Commands;

/// <summary>
/// <c>cmix info</c>: without a file, what this build and machine offer (version, runtime, SIMD,
/// mixer kernel and why, memory per level, SFX stub, CUDA mixer status); with a file, the archive's header and a
/// frame scan (also for a self-extracting archive, through its trailer).
/// </summary>
internal static class InfoCommand
{
    public static int Run(InfoVerbOptions options, CliConsole console)
    {
        var files = options.Files.ToList();
        if (files.Count == 0)
        {
            if (options.Json)
            {
                WriteSystemJson(console.Out);
            }
            else
            {
                PrintSystem(console.Out);
            }

            return ExitCodes.Ok;
        }

        var described = ArchiveScan.All(files, console, out int code);
        if (options.Json)
        {
            ArchiveScan.WriteJson(console.Out, described, totals: false);
            return code;
        }

        bool first = true;
        foreach (var d in described)
        {
            if (!first)
            {
                console.Out.WriteLine();
            }

            first = false;
            PrintArchive(d, console.Out);
        }

        return code;
    }

    private static void WriteSystemJson(TextWriter w)
    {
        var (kernel, reason) = Compressor.KernelInfo;
        var json = new JsonText(w);
        json.Begin();
        json.Field("version", CliApp.Version);
        json.Field("runtime", RuntimeInformation.FrameworkDescription);
        json.Field("aot", !RuntimeFeature.IsDynamicCodeSupported);
        json.Field("rid", RuntimeInformation.RuntimeIdentifier);
        json.Field("cores", Environment.ProcessorCount);
        json.Field("kernel", kernel);
        json.Field("kernel_reason", reason);
        json.Field("memory_available", MemoryGuard.Available);
        json.Field("default_level", ModelSettings.DefaultLevel);
        json.BeginArray("levels");
        for (int level = ModelSettings.MinLevel; level <= ModelSettings.MaxLevel; level++)
        {
            json.BeginObject();
            json.Field("level", level);
            json.Field("memory_estimate", Compressor.EstimateMemory(level, 1, 0));
            json.EndObject();
        }

        json.EndArray();
        json.Field("sfx_stub", StubLocator.Find(null, out _));
        json.Field("cuda", CudaLines().First());
        json.End();
    }

    private static void PrintSystem(TextWriter w)
    {
        var (kernel, reason) = Compressor.KernelInfo;
        w.WriteLine($"cmix {CliApp.Version}");
        w.WriteLine($"runtime      {RuntimeInformation.FrameworkDescription}, {(RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "NativeAOT")}, {RuntimeInformation.RuntimeIdentifier}");
        w.WriteLine($"os           {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
        w.WriteLine($"cpu cores    {Environment.ProcessorCount}");
        w.WriteLine($"vectors      Vector128 {Accel(Vector128.IsHardwareAccelerated)}, Vector256 {Accel(Vector256.IsHardwareAccelerated)}, Vector512 {Accel(Vector512.IsHardwareAccelerated)}");
        w.WriteLine("x86          " + Flags(
            ("Sse2", Sse2.IsSupported), ("Sse41", Sse41.IsSupported), ("Sse42", Sse42.IsSupported), ("Popcnt", Popcnt.IsSupported),
            ("Avx", Avx.IsSupported), ("Avx2", Avx2.IsSupported), ("Fma", Fma.IsSupported), ("Bmi1", Bmi1.IsSupported),
            ("Bmi2", Bmi2.IsSupported), ("Lzcnt", Lzcnt.IsSupported), ("Avx512F", Avx512F.IsSupported), ("Avx512BW", Avx512BW.IsSupported)));
        w.WriteLine("arm          " + Flags(("AdvSimd", AdvSimd.IsSupported), ("AdvSimd.Arm64", AdvSimd.Arm64.IsSupported), ("Dp", Dp.IsSupported)));
        w.WriteLine($"mixer kernel {kernel} ({reason})");
        w.WriteLine($"memory       {ByteSize.Mib(MemoryGuard.Available)} available to this process");
        w.WriteLine("level  memory (1 thread, estimated; the most: a known input length sizes the tables down to it)");
        for (int level = ModelSettings.MinLevel; level <= ModelSettings.MaxLevel; level++)
        {
            string mark = level == ModelSettings.DefaultLevel ? "  (default)" : "";
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {level}    {ByteSize.Mib(Compressor.EstimateMemory(level, 1, 0)),12}{mark}"));
        }

        string? stub = StubLocator.Find(null, out string searched);
        w.WriteLine(stub is null ? $"sfx stub     not found (looked at {searched})" : $"sfx stub     {stub} ({new FileInfo(stub).Length} bytes)");
        foreach (string line in CudaLines())
        {
            w.WriteLine(line);
        }
    }

    /// <summary>
    /// The CUDA mixer section: <see cref="CudaMixer.Status"/> described (verdict, library paths
    /// tried). Probing loads the library and, where a GPU exists, creates a context and runs the
    /// self-test; it is meant never to throw, and anything it still throws is printed, not raised.
    /// </summary>
    internal static IEnumerable<string> CudaLines()
    {
        List<string> lines;
        try
        {
            CudaStatus status = CudaMixer.Status;
            lines = [.. status.Describe().Select(OneLine)];
            if (status.LibraryPath is not null)
            {
                lines.Add($"  library {status.LibraryPath}{(status.AbiVersion is int abi ? $" (ABI {abi})" : "")}");
            }
        }
        catch (Exception e) // info must print whatever happens; a failed probe is the answer
        {
            lines = [$"CUDA mixer: unavailable — the probe failed: {e.GetType().Name}: {e.Message}"];
        }

        lines.Add("  use with --gpu on compress/decompress/test (slow; proves GPU/CPU equality, archives are identical)");
        return lines;
    }

    private static void PrintArchive(ArchiveScan.Described d, TextWriter w)
    {
        var info = d.Info!;
        var h = info.Header;
        var c = CultureInfo.InvariantCulture;
        w.WriteLine($"file           {d.Path}");
        if (d.StubLength is long stubBytes)
        {
            w.WriteLine($"sfx            stub {stubBytes} bytes + archive {info.ArchiveLength} bytes + trailer {SfxTrailer.Size} bytes");
        }

        w.WriteLine($"format         version {h.FormatVersion}, model version {h.ModelVersion}, transform {h.Transform}");
        w.WriteLine($"level          {h.Level}");
        w.WriteLine($"block size     {(h.BlockSize == 0 ? "one block" : h.BlockSize.ToString(c) + " bytes")}");
        if (h.PrimeLength > 0)
        {
            w.WriteLine($"shared prefix  {h.PrimeLength.ToString(c)} bytes (the first block's start, learned by every later block)");
        }

        w.WriteLine($"tables         {(h.InputBits == 0 ? "the level's full size (length unknown)" : $"sized for blocks up to 2^{h.InputBits} bytes")}, " +
            $"memory {ByteSize.Mib(Compressor.EstimateMemory(h.Level, 1, h.BlockSize, h.InputBits))} a thread (estimated)");
        w.WriteLine($"stored name    {(h.Name.Length == 0 ? "(none)" : h.Name)}");
        if (h.Reference is ReferenceStamp reference)
        {
            w.WriteLine($"reference      {reference} (needed to decompress: --reference FILE)");
        }
        w.WriteLine($"header length  {(h.OriginalLength is long n ? n.ToString(c) + " bytes" : "(unknown: streamed)")}");
        w.WriteLine($"blocks         {info.Blocks}");
        w.WriteLine($"segments       {info.Segments}");
        w.WriteLine($"original       {info.OriginalLength} bytes");
        w.WriteLine($"archive        {info.ArchiveLength} bytes");
        if (info.OriginalLength is long original && original > 0 && info.ArchiveLength is long archive)
        {
            w.WriteLine(string.Create(c, $"ratio          {100.0 * archive / original:0.00}%  ({8.0 * archive / original:0.0000} bits per byte)"));
        }

        w.WriteLine($"checksum       xxHash64 {info.Checksum:x16}");
        if (d.Members > 1)
        {
            w.WriteLine($"archives       {d.Members} concatenated (the figures above are the first one's)");
        }
    }

    /// <summary>
    /// One line for a CUDA status line: the .NET loader's advice ("Unable to load shared library
    /// ... consider using a tool like strace ...") is cut down to the system's own reason (dlerror).
    /// </summary>
    internal static string OneLine(string line)
    {
        line = line.ReplaceLineEndings(" ");
        int advice = line.IndexOf("Unable to load shared library", StringComparison.Ordinal);
        if (advice >= 0)
        {
            const string Marker = "environment variable:";
            int reason = line.LastIndexOf(Marker, StringComparison.Ordinal);
            string tail = reason >= 0 ? line[(reason + Marker.Length)..].Trim() : "not loadable";
            line = line[..advice] + (tail.Length > 0 ? tail : "not loadable");
        }

        return line;
    }

    private static string Accel(bool on) => on ? "yes" : "no";

    private static string Flags(params (string Name, bool On)[] flags) =>
        string.Join(" ", flags.Select(f => f.Name + (f.On ? "+" : "-")));
}
