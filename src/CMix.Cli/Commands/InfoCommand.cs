using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using CMix.Coding;
using CMix.Prediction;
using CMix.Sfx;

namespace CMix.Cli.Commands;

/// <summary>
/// <c>cmix info</c>: without a file, what this build and machine offer (version, runtime, SIMD,
/// mixer kernel and why, memory per level, SFX stub); with a file, the archive's header and a
/// frame scan (also for a self-extracting archive, through its trailer).
/// </summary>
internal static class InfoCommand
{
    public static int Run(InfoVerbOptions options, CliConsole console)
    {
        if (options.File is null)
        {
            PrintSystem(console.Out);
            return ExitCodes.Ok;
        }

        try
        {
            PrintArchive(options.File, console.Out);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is CmixFormatException or IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"cmix: {options.File}: {e.Message}");
            return ExitCodes.Error;
        }
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
        w.WriteLine("level  memory (1 thread, estimated)");
        for (int level = ModelSettings.MinLevel; level <= ModelSettings.MaxLevel; level++)
        {
            string mark = level == ModelSettings.DefaultLevel ? "  (default)" : "";
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {level}    {ByteSize.Mib(Compressor.EstimateMemory(level, 1, 0)),12}{mark}"));
        }

        string? stub = StubLocator.Find(null, out string searched);
        w.WriteLine(stub is null ? $"sfx stub     not found (looked at {searched})" : $"sfx stub     {stub} ({new FileInfo(stub).Length} bytes)");
    }

    private static void PrintArchive(string path, TextWriter w)
    {
        using var file = File.OpenRead(path);
        long offset = 0;
        long? stubLength = null;
        if (file.Length >= SfxTrailer.Size)
        {
            Span<byte> tail = stackalloc byte[SfxTrailer.Size];
            file.Position = file.Length - SfxTrailer.Size;
            file.ReadExactly(tail);
            if (SfxTrailer.TryParse(tail, file.Length, out _) is SfxTrailer trailer)
            {
                offset = trailer.StubLength;
                stubLength = trailer.StubLength;
            }

            file.Position = offset;
        }

        var info = Compressor.Inspect(file, scanFrames: true);
        var h = info.Header;
        var c = CultureInfo.InvariantCulture;
        w.WriteLine($"file           {path}");
        if (stubLength is long stubBytes)
        {
            w.WriteLine($"sfx            stub {stubBytes} bytes + archive {info.ArchiveLength} bytes + trailer {SfxTrailer.Size} bytes");
        }

        w.WriteLine($"format         version {h.FormatVersion}, model version {h.ModelVersion}, transform {h.Transform}");
        w.WriteLine($"level          {h.Level}");
        w.WriteLine($"block size     {(h.BlockSize == 0 ? "one block" : h.BlockSize.ToString(c) + " bytes")}");
        w.WriteLine($"stored name    {(h.Name.Length == 0 ? "(none)" : h.Name)}");
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
    }

    private static string Accel(bool on) => on ? "yes" : "no";

    private static string Flags(params (string Name, bool On)[] flags) =>
        string.Join(" ", flags.Select(f => f.Name + (f.On ? "+" : "-")));
}
