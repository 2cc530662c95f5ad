using System.Diagnostics;
using System.Globalization;
using CMix.Coding;
using CMix.Prediction;
using CMix.Sfx;

namespace CMix.Cli.Commands;

/// <summary>
/// <c>cmix bench --hutter FILE</c>: the Hutter Prize view of one run. The score is the total size
/// S = decompressor (SFX stub) + archive (+ the SFX trailer), in bytes; bits per byte is 8·S/original.
/// The Hutter totals with the compressor counted, binary and source form, follow (<see cref="HutterTotal"/>).
/// Compression and decompression are timed separately (wall clock) and each phase's peak resident
/// memory is reported. Decompression writes a real file (to the temp directory) and verifies the
/// checksum, as extraction would.
/// </summary>
internal static class BenchCommand
{
    public static int Run(BenchVerbOptions options, CliConsole console)
    {
        if (options.Level is < ModelSettings.MinLevel or > ModelSettings.MaxLevel)
        {
            throw new UsageException($"level must be {ModelSettings.MinLevel}..{ModelSettings.MaxLevel} (-1 .. -9), not {options.Level}");
        }

        if (options.Threads < 0)
        {
            throw new UsageException("-T must be 0 (all cores) or a positive number of threads");
        }

        string input = options.Hutter!;
        string archivePath = Path.Combine(Path.GetTempPath(), $"cmix-bench-{Environment.ProcessId}-{Path.GetRandomFileName()}.cmix");
        string restoredPath = archivePath + ".out";
        try
        {
            if (!File.Exists(input))
            {
                throw new CliException($"{input}: no such file");
            }

            long original = new FileInfo(input).Length;
            MemoryGuard.Check(options.Level, options.Threads, Compressor.ResolveBlockSize(new CompressionOptions { Threads = options.Threads, InputLength = original }), options.ForceMemory, inputLength: original);
            string? stub = StubLocator.Find(options.Stub, out string searched);
            long stubBytes = stub is null ? 0 : new FileInfo(stub).Length;

            PeakMemory.TryReset();
            var timer = Stopwatch.StartNew();
            using (var source = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            using (var archive = new FileStream(archivePath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var settings = new CompressionOptions { Level = options.Level, Threads = options.Threads, Name = Path.GetFileName(input), InputLength = original };
                Compressor.Compress(source, archive, settings);
            }

            double compressSeconds = timer.Elapsed.TotalSeconds;
            long compressPeak = PeakMemory.Read();
            long archiveBytes = new FileInfo(archivePath).Length;

            GC.Collect();
            GC.WaitForPendingFinalizers();
            bool separatePeaks = PeakMemory.TryReset();
            timer.Restart();
            using (var packed = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            using (var restored = new FileStream(restoredPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Compressor.Decompress(packed, restored, options.Threads);
            }

            double decompressSeconds = timer.Elapsed.TotalSeconds;
            long decompressPeak = PeakMemory.Read();

            long total = archiveBytes + (stub is null ? 0 : stubBytes + SfxTrailer.Size);
            if (options.Json)
            {
                var json = new JsonText(console.Out);
                json.Begin();
                json.Field("file", input);
                json.Field("level", options.Level);
                json.Field("threads", options.Threads);
                json.Field("kernel", Compressor.KernelInfo.Kernel);
                json.Field("original_bytes", original);
                json.Field("archive_bytes", archiveBytes);
                json.Field("stub_bytes", stub is null ? null : stubBytes);
                json.Field("stub", stub);
                json.Field("sfx_trailer_bytes", stub is null ? 0 : SfxTrailer.Size);
                json.Field("total_bytes", total);
                if (original > 0)
                {
                    json.Number("bits_per_byte", 8.0 * total / original);
                }

                json.Number("compress_seconds", compressSeconds);
                json.Number("decompress_seconds", decompressSeconds);
                json.Field("compress_peak_bytes", compressPeak);
                json.Field("decompress_peak_bytes", decompressPeak);
                json.Field("peaks_separate", separatePeaks);
                json.End();
                return ExitCodes.Ok;
            }

            var c = CultureInfo.InvariantCulture;
            var w = console.Out;
            w.WriteLine($"file               {input}");
            w.WriteLine($"level / threads    {options.Level} / {Math.Max(options.Threads, 0)}, kernel {Compressor.KernelInfo.Kernel}");
            w.WriteLine($"original           {original} bytes");
            w.WriteLine($"archive            {archiveBytes} bytes");
            w.WriteLine(stub is null
                ? $"stub               not found (looked at {searched}); total counts the archive only"
                : $"stub               {stubBytes} bytes ({stub}) + sfx trailer {SfxTrailer.Size} bytes");
            w.WriteLine($"total (S)          {total} bytes (the self-extracting archive)");
            if (original > 0)
            {
                w.WriteLine(string.Create(c, $"bits per byte      {8.0 * total / original:0.00000} (archive only {8.0 * archiveBytes / original:0.00000})"));
            }

            w.WriteLine(string.Create(c, $"compress time      {compressSeconds:0.000} s ({original / Math.Max(compressSeconds, 1e-9) / 1e6:0.000} MB/s)"));
            w.WriteLine(string.Create(c, $"decompress time    {decompressSeconds:0.000} s ({original / Math.Max(decompressSeconds, 1e-9) / 1e6:0.000} MB/s)"));
            w.WriteLine($"peak memory        compress {ByteSize.Mib(compressPeak)}, decompress {ByteSize.Mib(decompressPeak)}{(separatePeaks ? "" : " (cumulative: the peak could not be reset between phases)")}");
            HutterTotal.Report(w, archiveBytes, stub is null ? 0 : stubBytes);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is CliException or CmixFormatException or IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"cmix: bench: {e.Message}");
            return ExitCodes.Error;
        }
        finally
        {
            File.Delete(archivePath);
            File.Delete(restoredPath);
        }
    }
}
