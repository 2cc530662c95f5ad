using System.Diagnostics;
using System.Globalization;
using CMix.Cli.IO;
using CMix.Coding;
using CMix.Mixing;

namespace CMix.Cli.Commands;

/// <summary>
/// The gzip-style file loop shared by compress and decompress: for each input (a path, or stdin
/// for none or "-") choose the output (stdout with -c or for stdin, -o, or a derived name), refuse
/// to overwrite without -f, write through <see cref="AtomicFile"/> so a failure leaves nothing,
/// and delete the input only with --rm after success. Each input is opened once and read as a
/// stream (a pipe or FIFO has no length); a decompressed input may be a self-extracting archive
/// (<see cref="ArchiveInput"/>). A regular input's mode, times and owner go to its output
/// (<see cref="FileMetadata"/>). One failing file does not stop the others (the exit code is
/// then 1); a closed stdout (<see cref="BrokenPipeException"/>) stops them all.
/// </summary>
internal static class FileJob
{
    /// <summary>
    /// What a verb does with one opened input (<paramref name="path"/> null for stdin) and output; returns the bytes of
    /// original data. <paramref name="kernel"/> is the mixer kernel override (the CUDA kernel with --gpu, else null).
    /// </summary>
    public delegate long Work(Stream input, long? inputLength, string? path, Stream output, ProgressReporter progress, MixerKernel? kernel);

    /// <summary>Runs <paramref name="work"/> over every input of <paramref name="options"/>.</summary>
    /// <param name="options">The parsed verb options.</param>
    /// <param name="console">Standard streams.</param>
    /// <param name="compressing">True when the output is an archive (affects terminal checks and the ratio).</param>
    /// <param name="outputNameFor">Derives the output path from an input path; null when it cannot (message in the out parameter).</param>
    /// <param name="work">The coding step.</param>
    public static int RunAll(FileVerbOptions options, CliConsole console, bool compressing, OutputNamer outputNameFor, Work work)
    {
        var inputs = options.Files.ToList();
        if (inputs.Count == 0)
        {
            inputs.Add("-");
        }

        if (options.Output is not null && (inputs.Count > 1 || options.Stdout))
        {
            throw new UsageException("-o names one output: give a single input and no -c");
        }

        if (options.Threads < 0)
        {
            throw new UsageException("-T must be 0 (all cores) or a positive number of threads");
        }

        if (options.Remove && options.Stdout)
        {
            throw new UsageException("--rm and -c cannot be combined (the input is kept when writing to stdout)");
        }

        // --gpu: the kernel is made once, before any input is opened; without it nothing is read or written.
        return GpuKernel.Run(options.Gpu, console, kernel =>
        {
            int code = ExitCodes.Ok;
            foreach (string input in inputs)
            {
                try
                {
                    RunOne(input, options, console, compressing, outputNameFor, work, kernel);
                }
                catch (Exception e) when (e is CliException or CmixFormatException or IOException or UnauthorizedAccessException && e is not BrokenPipeException)
                {
                    string what = input == "-" ? "(stdin)" : input;
                    string hint = e is CmixFormatException && input != "-" ? "; no output was written" : "";
                    console.Error.WriteLine($"cmix: {what}: {e.Message}{hint}");
                    code = ExitCodes.Error;
                }
            }

            return code;
        });
    }

    /// <summary>Derives an output path from an input path, or returns null with a reason.</summary>
    public delegate string? OutputNamer(string input, out string? reason);

    private static void RunOne(string input, FileVerbOptions options, CliConsole console, bool compressing, OutputNamer outputNameFor, Work work, MixerKernel? kernel)
    {
        bool fromStdin = input == "-";
        bool toStdout = options.Stdout || (fromStdin && options.Output is null);
        if (fromStdin && !compressing && console.InputIsTerminal)
        {
            throw new CliException("compressed data is not read from a terminal; redirect a file into cmix or name one");
        }

        if (toStdout && compressing && console.OutputIsTerminal && !options.Force)
        {
            throw new CliException("compressed data is not written to a terminal; redirect stdout, use -o FILE, or -f to force");
        }

        string? outputPath = null;
        if (!toStdout)
        {
            outputPath = options.Output ?? outputNameFor(input, out string? reason) ?? throw new CliException(reason ?? "cannot derive an output name; use -o FILE or -c");
            if (!fromStdin && Path.GetFullPath(outputPath) == Path.GetFullPath(input))
            {
                throw new CliException("input and output are the same file; use -o to name another output");
            }
        }

        if (!fromStdin && Directory.Exists(input))
        {
            throw new CliException("is a directory; name files (cmix does not recurse)");
        }

        // Opened once and read as a stream: a pipe, a FIFO or <(...) works like a file.
        using var opened = fromStdin ? ArchiveInput.Stdin(console.Input) : compressing ? ArchiveInput.OpenPlain(input) : ArchiveInput.Open(input);
        long? inputLength = opened.Length;
        var counterIn = new CountingStream(opened.Archive);
        string label = fromStdin ? "(stdin)" : Path.GetFileName(input);

        // Mode, times and owner go from a regular input to its output (gzip/xz/zstd); the output
        // stays private (0600) until they are applied, so it is never more open than the input.
        FileMetadata? metadata = fromStdin || inputLength is null || opened.StubLength is not null ? null : FileMetadata.Of(input);

        var timer = Stopwatch.StartNew();
        long original;
        long packed;
        // Runs the job into sink with a progress line; returns (original bytes, packed bytes).
        (long Original, long Packed) RunInto(Stream sink)
        {
            var counterOut = new CountingStream(sink);
            var progress = new ProgressReporter(console.Error, console.ErrorIsTerminal && !options.Quiet, label,
                compressing ? () => counterOut.BytesWritten : null);
            long done;
            try
            {
                done = work(counterIn, inputLength, fromStdin ? null : input, counterOut, progress, kernel);
            }
            finally
            {
                progress.Finish();
            }

            counterOut.Flush();
            return (done, compressing ? counterOut.BytesWritten : counterIn.BytesRead);
        }

        if (toStdout)
        {
            (original, packed) = RunInto(console.Output);
        }
        else
        {
            using var file = AtomicFile.Create(outputPath!, options.Force, ownerOnly: metadata is not null, wrap: null);
            (original, packed) = RunInto(file.Stream);
            file.Commit(metadata is null ? null : metadata.ApplyTo);
            if (options.Remove && !fromStdin)
            {
                opened.Dispose();
                File.Delete(input);
            }
        }

        if (options.Verbose > 0)
        {
            double seconds = Math.Max(timer.Elapsed.TotalSeconds, 1e-6);
            string target = toStdout ? "(stdout)" : outputPath!;
            string bpb = original > 0 ? string.Create(CultureInfo.InvariantCulture, $"{8.0 * packed / original:0.000} bpb") : "- bpb";
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label} -> {target}: original {original} bytes, archive {packed} bytes ({bpb}), {seconds:0.00} s, {original / seconds / 1e6:0.00} MB/s"));
        }
    }
}
