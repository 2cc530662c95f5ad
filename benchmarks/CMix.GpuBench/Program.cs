using System.Diagnostics;
using System.Globalization;
using System.Text;
using CMix.Gpu;
using CMix.Mixing;
using CMix.Mixing.Gpu;

// cmix-gpubench archive [--size 3072] [--level 1] [--out DIR]
// cmix-gpubench info | check | bench [--out DIR] [--lanes 1,16,256,4096] [--inputs 32,128,512,2048]
//                                    [--sets 4] [--seconds 0.3] [--threads N]
// info: the CUDA status and load trace. check: GPU vs CPU conformance on many shapes (exit 1 on
// a mismatch, 2 when the GPU is unavailable). bench: lane-steps/s of GPU and CPU batched mixers;
// writes gpubench.csv and gpubench.md to --out. archive: compresses sample text with the
// scalar kernel and with CudaMixerKernel, checks the archives are equal byte for byte and that
// each side decodes the other's archive; prints µs per bit (exit 1 on any difference).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string mode = args.Length > 0 ? args[0] : "info";
string Opt(string name, string fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

int[] Ints(string s) => s.Split(',').Select(int.Parse).ToArray();

CudaStatus status = CudaMixer.Status;
Console.WriteLine(status);
Console.WriteLine($"CPU: {Machine.CpuName()}, {Environment.ProcessorCount} threads; CPU kernel: {MixerKernels.Current.Name} ({MixerKernels.Reason})");
switch (mode)
{
    case "info":
        return status.Available ? 0 : 2;
    case "check":
        return Check.Run(status);
    case "bench":
        return Bench.Run(
            Opt("--out", "."), Ints(Opt("--lanes", "1,16,256,4096")), Ints(Opt("--inputs", "32,128,512,2048")),
            int.Parse(Opt("--sets", "4")), double.Parse(Opt("--seconds", "0.3")),
            int.Parse(Opt("--threads", Environment.ProcessorCount.ToString())), status);
    case "archive":
        return ArchiveCheck.Run(int.Parse(Opt("--size", "3072")), int.Parse(Opt("--level", "1")), Opt("--out", ""), status);
    default:
        Console.Error.WriteLine("usage: cmix-gpubench info|check|bench|archive [options]");
        return 64;
}

static class Machine
{
    public static string CpuName()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    return line[(line.IndexOf(':') + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }

        return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
    }
}

static class Check
{
    public static int Run(CudaStatus status)
    {
        if (!status.Available)
        {
            Console.WriteLine("check: GPU unavailable");
            return 2;
        }

        (int Lanes, int Inputs, int Sets, int Steps)[] shapes =
        [
            (1, 16, 1, 10), (1, 2048, 3, 10), (2, 32, 2, 10), (9, 48, 5, 10), (33, 128, 2, 10), (256, 512, 4, 10),
            (1000, 64, 8, 10), (4096, 32, 2, 10), (4096, 128, 4, 200), (16, 4096, 2, 20), (4096, 2048, 1, 4),
        ];
        int failures = 0;
        foreach (var (lanes, inputs, sets, steps) in shapes)
        {
            foreach (MixerKernel kernel in new[] { ScalarMixerKernel.Instance, MixerKernels.Current }.Distinct())
            {
                var sw = Stopwatch.StartNew();
                using var cpu = new BatchedMixer(lanes, inputs, sets, kernel, Environment.ProcessorCount);
                using var gpu = CudaBatchedMixer.Create(lanes, inputs, sets);
                string? mismatch = BatchedMixerConformance.Compare(cpu, gpu, (ulong)(lanes * 31 + inputs + sets), steps);
                failures += mismatch is null ? 0 : 1;
                Console.WriteLine($"{(mismatch is null ? "ok  " : "FAIL")} {lanes} lanes × {inputs} inputs × {sets} sets, {steps} steps vs {cpu.Name} ({sw.ElapsedMilliseconds} ms){(mismatch is null ? "" : ": " + mismatch)}");
            }
        }

        // Error paths: a bad selection and an out-of-order train are refused without corrupting state.
        using (var g = CudaBatchedMixer.Create(2, 16, 2))
        {
            bool refused = Throws<InvalidOperationException>(() => g.Train(new int[2]))
                && Throws<ArgumentException>(() => g.Predict(new short[32], [0, 2], new int[2]));
            var dots = new int[2];
            g.Predict(new short[32], [1, 0], dots);
            g.Train([100, -100]);
            bool ok = refused && dots[0] == 0 && dots[1] == 0;
            failures += ok ? 0 : 1;
            Console.WriteLine($"{(ok ? "ok  " : "FAIL")} error paths (bad select, train before predict)");
        }

        Console.WriteLine(failures == 0 ? "check: all passed" : $"check: {failures} FAILED");
        return failures == 0 ? 0 : 1;
    }

    private static bool Throws<T>(Action a)
        where T : Exception
    {
        try
        {
            a();
            return false;
        }
        catch (T e)
        {
            Console.WriteLine($"     refused as expected: {e.Message}");
            return true;
        }
    }
}

static class Bench
{
    private const int Batches = 4; // rotating input batches, so repeated steps do not replay one buffer

    public static int Run(string outDir, int[] laneCounts, int[] widths, int sets, double seconds, int threads, CudaStatus status)
    {
        Directory.CreateDirectory(outDir);
        string cpuName = Machine.CpuName();
        string cpu1 = $"CPU {MixerKernels.Current.Name} ×1", cpuN = $"CPU {MixerKernels.Current.Name} ×{threads}", gpu = "GPU";
        string[] engines = [cpu1, cpuN, gpu];
        string[] modes = ["copy", "in-place"];
        var csv = new List<string> { "lanes,inputs,sets,engine,mode,us_per_call,lane_steps_per_s,weights_per_s" };
        var md = new StringBuilder();
        string title = $"GPU: {status.Device ?? "unavailable (" + status.Reason + ")"}; CPU: {cpuName}, {Environment.ProcessorCount} threads, kernel {MixerKernels.Current.Name}";
        md.AppendLine($"# Batched mixer: GPU vs CPU ({DateTime.UtcNow:yyyy-MM-dd})").AppendLine();
        md.AppendLine($"- {title}");
        md.AppendLine($"- One call = TrainPredict on every lane: train the set chosen at the last call with its error, then a dot product of new inputs with a newly selected set; {sets} weight sets per lane. Figures are µs per call (best of 3 runs of ≥ {seconds} s after a warm-up); lane-steps/s = lanes / (µs per call).");
        md.AppendLine($"- copy: inputs passed from a managed array ({Batches} rotating random batches), so each call also copies Lanes × Inputs int16 into the mixer (pinned memory on the GPU). in-place: the caller wrote the inputs into the mixer's InputBuffer (as models would), so the call copies nothing on the host.");
        md.AppendLine("- GPU/best CPU: the best CPU time (1 or all threads) over the GPU time in the same mode; above 1 the GPU is faster.").AppendLine();
        md.AppendLine($"| lanes | inputs | {cpu1} copy | {cpuN} copy | GPU copy | GPU/best CPU copy | {cpu1} in-place | {cpuN} in-place | GPU in-place | GPU/best CPU in-place | GPU Mlane-steps/s in-place |");
        md.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(csv[0]);
        foreach (int inputs in widths)
        {
            foreach (int lanes in laneCounts)
            {
                var data = new Data(lanes, inputs, sets);
                var us = new Dictionary<(string, string), double>();
                foreach (string engine in engines)
                {
                    if ((engine == gpu && !status.Available) || (engine == cpuN && (threads == 1 || lanes == 1)))
                    {
                        continue;
                    }

                    using IBatchedMixer m = engine == gpu ? CudaBatchedMixer.Create(lanes, inputs, sets)
                        : new BatchedMixer(lanes, inputs, sets, MixerKernels.Current, engine == cpu1 ? 1 : threads);
                    foreach (string mode in modes)
                    {
                        double callsPerS = Measure(m, data, seconds, mode == "in-place");
                        us[(engine, mode)] = 1e6 / callsPerS;
                        string line = $"{lanes},{inputs},{sets},{(engine == gpu ? m.Name.Replace(",", ";") : engine)},{mode},{1e6 / callsPerS:0.00},{callsPerS * lanes:0},{callsPerS * lanes * inputs:0.###e0}";
                        csv.Add(line);
                        Console.WriteLine(line);
                    }
                }

                string Cell(string e, string mode) => us.TryGetValue((e, mode), out double v) ? v.ToString("0.0") : "–";
                string Ratio(string mode)
                {
                    if (!us.TryGetValue((gpu, mode), out double g))
                    {
                        return "–";
                    }

                    double best = Math.Min(us[(cpu1, mode)], us.GetValueOrDefault((cpuN, mode), double.MaxValue));
                    return (best / g).ToString("0.00");
                }

                string rate = us.TryGetValue((gpu, "in-place"), out double gi) ? (lanes / gi).ToString("0.00") : "–";
                md.AppendLine($"| {lanes} | {inputs} | {Cell(cpu1, "copy")} | {Cell(cpuN, "copy")} | {Cell(gpu, "copy")} | {Ratio("copy")} | {Cell(cpu1, "in-place")} | {Cell(cpuN, "in-place")} | {Cell(gpu, "in-place")} | {Ratio("in-place")} | {rate} |");
            }
        }

        File.WriteAllLines(Path.Combine(outDir, "gpubench.csv"), [$"# {title}", .. csv]);
        File.WriteAllText(Path.Combine(outDir, "gpubench.md"), md.ToString());
        Console.WriteLine($"wrote {Path.Combine(outDir, "gpubench.csv")} and gpubench.md");
        return 0;
    }

    // Best of 3 timed runs of at least `seconds` each (and 3 calls), after a warm-up run.
    // in-place: the inputs are written into the mixer's InputBuffer once and passed as x, so no call copies them.
    private static double Measure(IBatchedMixer m, Data d, double seconds, bool inPlace)
    {
        var dots = new int[m.Lanes];
        m.SetWeights(d.Weights);
        m.Predict(d.X[0], d.Sel[0], dots);
        int k = 0;
        double best = 0;
        for (int run = 0; run < 4; run++)
        {
            long calls = 0;
            var sw = Stopwatch.StartNew();
            while (calls < 3 || sw.Elapsed.TotalSeconds < (run == 0 ? seconds / 3 : seconds))
            {
                int b = k++ % Batches;
                if (inPlace)
                {
                    m.TrainPredict(d.Err[b], m.InputBuffer, d.Sel[b], dots);
                }
                else
                {
                    m.TrainPredict(d.Err[b], d.X[b], d.Sel[b], dots);
                }

                calls++;
            }

            double rate = calls / sw.Elapsed.TotalSeconds;
            best = run == 0 ? 0 : Math.Max(best, rate);
        }

        return best;
    }
    private sealed class Data
    {
        public Data(int lanes, int inputs, int sets)
        {
            ulong s = (ulong)(lanes * 1000003 + inputs);
            Weights = new short[(long)lanes * sets * inputs];
            for (long i = 0; i < Weights.LongLength; i++)
            {
                Weights[i] = (short)((int)(Next(ref s) % 16384) - 8192);
            }

            for (int b = 0; b < Batches; b++)
            {
                X[b] = new short[lanes * inputs];
                for (int i = 0; i < X[b].Length; i++)
                {
                    X[b][i] = (short)((int)(Next(ref s) % 4095) - 2047);
                }

                Sel[b] = new int[lanes];
                Err[b] = new int[lanes];
                for (int l = 0; l < lanes; l++)
                {
                    Sel[b][l] = (int)(Next(ref s) % (uint)sets);
                    Err[b][l] = (int)(Next(ref s) % 8191) - 4095;
                }
            }
        }

        public short[] Weights { get; }

        public short[][] X { get; } = new short[Batches][];

        public int[][] Sel { get; } = new int[Batches][];

        public int[][] Err { get; } = new int[Batches][];

        private static uint Next(ref ulong s)
        {
            s ^= s >> 12;
            s ^= s << 25;
            s ^= s >> 27;
            return (uint)((s * 0x2545F4914F6CDD1DUL) >> 32);
        }
    }
}

static class ArchiveCheck
{
    public static int Run(int size, int level, string outDir, CudaStatus status)
    {
        if (!status.Available)
        {
            Console.WriteLine("archive: GPU unavailable");
            return 2;
        }

        byte[] data = SampleText(size);
        long bits = 8L * data.Length;
        Console.WriteLine($"archive: {data.Length} bytes of sample text, level {level}, 1 thread");
        var options = new CMix.Coding.CompressionOptions { Level = level, Threads = 1, InputLength = data.Length, Name = "sample.txt" };

        var sw = Stopwatch.StartNew();
        byte[] cpu = Encode(data, options, ScalarMixerKernel.Instance);
        double cpuEnc = sw.Elapsed.TotalSeconds;
        using var kernel = CudaMixerKernel.Create();
        sw.Restart();
        byte[] gpu = Encode(data, options, kernel);
        double gpuEnc = sw.Elapsed.TotalSeconds;
        long encDots = kernel.DotCalls, encTrains = kernel.TrainCalls;
        sw.Restart();
        byte[] cpuOfGpu = Decode(gpu, ScalarMixerKernel.Instance);
        double cpuDec = sw.Elapsed.TotalSeconds;
        sw.Restart();
        byte[] gpuOfCpu = Decode(cpu, kernel);
        double gpuDec = sw.Elapsed.TotalSeconds;

        bool same = cpu.AsSpan().SequenceEqual(gpu);
        bool cpuDecodes = cpuOfGpu.AsSpan().SequenceEqual(data);
        bool gpuDecodes = gpuOfCpu.AsSpan().SequenceEqual(data);
        Console.WriteLine($"kernel: {kernel.Name}");
        Console.WriteLine($"CPU (scalar) archive: {cpu.Length} bytes, sha256 {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(cpu))}");
        Console.WriteLine($"GPU archive:          {gpu.Length} bytes, sha256 {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(gpu))}");
        Console.WriteLine($"archives equal byte for byte: {same}");
        Console.WriteLine($"GPU archive decoded on the CPU (scalar) equals the input: {cpuDecodes}");
        Console.WriteLine($"CPU archive decoded with the GPU kernel equals the input: {gpuDecodes}");
        Console.WriteLine($"GPU calls while encoding: {encDots} dot products + {encTrains} training steps = {(double)(encDots + encTrains) / bits:F2} per bit");
        Console.WriteLine($"encode CPU scalar: {cpuEnc:F3} s = {cpuEnc * 1e6 / bits:F2} us/bit");
        Console.WriteLine($"encode GPU:        {gpuEnc:F3} s = {gpuEnc * 1e6 / bits:F2} us/bit ({gpuEnc * 1e6 / (encDots + encTrains):F2} us per GPU call)");
        Console.WriteLine($"decode CPU scalar: {cpuDec:F3} s = {cpuDec * 1e6 / bits:F2} us/bit");
        Console.WriteLine($"decode GPU:        {gpuDec:F3} s = {gpuDec * 1e6 / bits:F2} us/bit");
        if (outDir.Length > 0)
        {
            Directory.CreateDirectory(outDir);
            File.WriteAllBytes(Path.Combine(outDir, "archive-cpu.cmx"), cpu);
            File.WriteAllBytes(Path.Combine(outDir, "archive-gpu.cmx"), gpu);
        }

        return same && cpuDecodes && gpuDecodes ? 0 : 1;
    }

    private static byte[] Encode(byte[] data, CMix.Coding.CompressionOptions options, MixerKernel kernel)
    {
        var output = new MemoryStream();
        CMix.Coding.Compressor.Compress(new MemoryStream(data), output, options, kernel: kernel);
        return output.ToArray();
    }

    private static byte[] Decode(byte[] archive, MixerKernel kernel)
    {
        var output = new MemoryStream();
        CMix.Coding.Compressor.Decompress(new MemoryStream(archive), output, threads: 1, kernel: kernel);
        return output.ToArray();
    }

    /// <summary>Deterministic English-like text (the same generator as the GPU archive tests).</summary>
    public static byte[] SampleText(int size)
    {
        string[] words =
        [
            "the", "mixer", "weights", "predict", "bit", "context", "model", "of", "and", "a", "to", "archive",
            "GPU", "CPU", "equal", "byte", "for", "is", "in", "stream", "order", "hash", "match", "word",
        ];
        var rng = new Random(8);
        var sb = new StringBuilder(size + 16);
        while (sb.Length < size)
        {
            sb.Append(words[rng.Next(words.Length)]);
            sb.Append(rng.Next(12) == 0 ? ".\n" : " ");
        }

        return Encoding.ASCII.GetBytes(sb.ToString(0, size));
    }
}
