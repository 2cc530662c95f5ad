using System.Diagnostics;
using System.Globalization;
using System.Text;
using CMix.Mixing;
using CMix.Mixing.Gpu;

// cmix-gpubench info | check | bench [--out DIR] [--lanes 1,16,256,4096] [--inputs 32,128,512,2048]
//                                    [--sets 4] [--seconds 0.3] [--threads N]
// info: the CUDA status and load trace. check: GPU vs CPU conformance on many shapes (exit 1 on
// a mismatch, 2 when the GPU is unavailable). bench: lane-steps/s of GPU and CPU batched mixers;
// writes gpubench.csv and gpubench.md to --out.
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
    default:
        Console.Error.WriteLine("usage: cmix-gpubench info|check|bench [options]");
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
                using var gpu = CudaMixer.Create(lanes, inputs, sets);
                string? mismatch = BatchedMixerConformance.Compare(cpu, gpu, (ulong)(lanes * 31 + inputs + sets), steps);
                failures += mismatch is null ? 0 : 1;
                Console.WriteLine($"{(mismatch is null ? "ok  " : "FAIL")} {lanes} lanes × {inputs} inputs × {sets} sets, {steps} steps vs {cpu.Name} ({sw.ElapsedMilliseconds} ms){(mismatch is null ? "" : ": " + mismatch)}");
            }
        }

        // Error paths: a bad selection and an out-of-order train are refused without corrupting state.
        using (var g = CudaMixer.Create(2, 16, 2))
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
        var rows = new List<string[]>();
        string[] header = ["lanes", "inputs", "sets", "engine", "lane_steps_per_s", "weights_per_s", "us_per_call", "speedup_vs_cpu1"];
        Console.WriteLine(string.Join(",", header));
        foreach (int inputs in widths)
        {
            foreach (int lanes in laneCounts)
            {
                var data = new Data(lanes, inputs, sets);
                var engines = new List<Func<IBatchedMixer>> { () => new BatchedMixer(lanes, inputs, sets, MixerKernels.Current, 1) };
                if (threads > 1 && lanes > 1)
                {
                    engines.Add(() => new BatchedMixer(lanes, inputs, sets, MixerKernels.Current, threads));
                }

                if (status.Available)
                {
                    engines.Add(() => CudaMixer.Create(lanes, inputs, sets));
                }

                double cpu1 = 0;
                foreach (var make in engines)
                {
                    using IBatchedMixer m = make();
                    double callsPerS = Measure(m, data, seconds);
                    if (cpu1 == 0)
                    {
                        cpu1 = callsPerS;
                    }

                    string[] row =
                    [
                        lanes.ToString(), inputs.ToString(), sets.ToString(), m.Name,
                        (callsPerS * lanes).ToString("0"), (callsPerS * lanes * inputs).ToString("0.###e0"),
                        (1e6 / callsPerS).ToString("0.0"), (callsPerS / cpu1).ToString("0.00"),
                    ];
                    rows.Add(row);
                    Console.WriteLine(string.Join(",", row));
                }
            }
        }

        string title = $"GPU: {status.Device ?? "unavailable (" + status.Reason + ")"}; CPU: {cpuName}, {Environment.ProcessorCount} threads, kernel {MixerKernels.Current.Name}";
        File.WriteAllLines(Path.Combine(outDir, "gpubench.csv"), [$"# {title}", string.Join(",", header), .. rows.Select(r => string.Join(",", r.Select(c => c.Contains(',') ? $"\"{c}\"" : c)))]);
        var md = new StringBuilder();
        md.AppendLine($"# Batched mixer: GPU vs CPU ({DateTime.UtcNow:yyyy-MM-dd})").AppendLine();
        md.AppendLine($"- {title}");
        md.AppendLine($"- One call = TrainPredict on every lane (train the last step's set with its error, then a dot product with new inputs); {sets} weight sets per lane, random selection; {Batches} rotating random input batches; each figure is the best of 3 runs of ≥ {seconds} s.");
        md.AppendLine("- lane-steps/s = calls/s × lanes; speedup is against the single-thread CPU row of the same shape.").AppendLine();
        md.AppendLine("| lanes | inputs | engine | lane-steps/s | weights/s | µs/call | × CPU 1 thread |");
        md.AppendLine("| ---: | ---: | --- | ---: | ---: | ---: | ---: |");
        foreach (string[] r in rows)
        {
            md.AppendLine($"| {r[0]} | {r[1]} | {r[3]} | {r[4]} | {r[5]} | {r[6]} | {r[7]} |");
        }

        File.WriteAllText(Path.Combine(outDir, "gpubench.md"), md.ToString());
        Console.WriteLine($"wrote {Path.Combine(outDir, "gpubench.csv")} and gpubench.md");
        return 0;
    }

    // Best of 3 timed runs of at least `seconds` each (and 3 calls), after a warm-up run.
    private static double Measure(IBatchedMixer m, Data d, double seconds)
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
                m.TrainPredict(d.Err[b], d.X[b], d.Sel[b], dots);
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
