using System.Diagnostics;
using System.Runtime.InteropServices;
using CMix.Mixing;
using CMix.SelfCheck;

// cmix-selfcheck: proves the mixer kernel of this process against the scalar reference and
// against the golden archives made on x86-64. Exit code 0 = every check passed, 1 = a check
// failed, 2 = bad usage. See docs/SIMD.md.
//
//   --expect-kernel NAME   fail unless the detected kernel is NAME (e.g. AdvSimd under qemu)
//   --golden DIR           verify DIR's golden archives (default: tests/data/golden above the cwd)
//   --max-length N         longest vector in the kernel checks (default 1024)
//   --all-kernels          run the golden checks with every supported kernel, not only the detected one
//   --write-golden DIR     regenerate the golden inputs and archives (scalar kernel), then exit
//   --write-binary-golden DIR  write only the binary input's golden archives, then exit
string? expect = null, goldenDir = null, writeDir = null, writeBinaryDir = null;
int maxLength = 1024;
bool allKernels = false;
for (int i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--expect-kernel": expect = Value(); break;
        case "--golden": goldenDir = Value(); break;
        case "--write-golden": writeDir = Value(); break;
        case "--write-binary-golden": writeBinaryDir = Value(); break;
        case "--all-kernels": allKernels = true; break;
        case "--max-length": maxLength = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}; see docs/SIMD.md");
            return 2;
    }
}

if (writeDir is not null)
{
    GoldenSet.Write(writeDir);
    return 0;
}

if (writeBinaryDir is not null)
{
    GoldenSet.WriteBinary(writeBinaryDir);
    return 0;
}

int passed = 0, failed = 0;
void Check(string name, Func<string?> check)
{
    var sw = Stopwatch.StartNew();
    string? failure;
    try
    {
        failure = check();
    }
    catch (Exception ex)
    {
        failure = $"{ex.GetType().Name}: {ex.Message}";
    }

    if (failure is null)
    {
        passed++;
        Console.WriteLine($"PASS {name} ({sw.ElapsedMilliseconds} ms)");
    }
    else
    {
        failed++;
        Console.WriteLine($"FAIL {name}: {failure}");
    }
}

Console.WriteLine($"process: {RuntimeInformation.ProcessArchitecture}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
MixerKernel current;
try
{
    current = MixerKernels.Current;
}
catch (NotSupportedException ex)
{
    Console.WriteLine($"FAIL kernel selection: {ex.Message}");
    Console.WriteLine("0 passed, 1 failed");
    return 1;
}

Console.WriteLine($"kernel: {current.Name} ({MixerKernels.Reason})");
foreach (var k in MixerKernels.All)
{
    Console.WriteLine(MixerKernels.IsSupported(k, out string why) ? $"  {k.Name}: supported" : $"  {k.Name}: unsupported ({why})");
}

if (expect is not null)
{
    Check($"kernel in use is {expect}", () =>
        string.Equals(current.Name, expect, StringComparison.OrdinalIgnoreCase) ? null : $"kernel in use is {current.Name}, expected {expect}");
}

foreach (var k in MixerKernels.All)
{
    if (k is not ScalarMixerKernel && MixerKernels.IsSupported(k, out _))
    {
        Check($"{k.Name} equals scalar (lengths 16..{maxLength}, random and edge vectors)", () => MixerKernelSelfTest.Run(k, maxLength));
    }
}

goldenDir ??= FindGolden();
if (goldenDir is null)
{
    Check("golden archives", () => "tests/data/golden not found above the current directory; pass --golden DIR");
}
else
{
    byte[] input = File.ReadAllBytes(Path.Combine(goldenDir, GoldenSet.InputFile));
    Check($"{GoldenSet.InputFile} equals the generator's output", () =>
        input.AsSpan().SequenceEqual(GoldenInput.Generate()) ? null : "golden input differs from GoldenInput.Generate(); regenerate the golden files");
    var kernels = allKernels ? MixerKernels.All.Where(k => MixerKernels.IsSupported(k, out _)).ToList() : [current];
    foreach (var kernel in kernels)
    {
        foreach (int level in GoldenSet.Levels)
        {
            string file = GoldenSet.ArchiveFile(level);
            byte[] golden = File.ReadAllBytes(Path.Combine(goldenDir, file));
            Check($"{kernel.Name} compresses level {level} to {file} byte for byte", () =>
            {
                byte[] made = GoldenSet.Compress(input, level, kernel);
                if (made.AsSpan().SequenceEqual(golden))
                {
                    return null;
                }

                int at = made.AsSpan().CommonPrefixLength(golden);
                return $"archive differs at byte {at} ({made.Length} bytes made, {golden.Length} golden); if the model changed on purpose, regenerate the golden files (docs/SIMD.md)";
            });
            Check($"{kernel.Name} decompresses {file} to the input", () =>
                GoldenSet.Decompress(golden, kernel).AsSpan().SequenceEqual(input) ? null : "decoded bytes differ from the input");
        }

        byte[] primed = File.ReadAllBytes(Path.Combine(goldenDir, GoldenSet.PrimedArchiveFile));
        Check($"{kernel.Name} compresses {GoldenSet.InputFile} primed to {GoldenSet.PrimedArchiveFile} byte for byte", () =>
            GoldenSet.CompressPrimed(input, kernel).AsSpan().SequenceEqual(primed) ? null : "archive differs from the golden one");
        foreach (int threads in (int[])[1, 2])
        {
            Check($"{kernel.Name} decompresses {GoldenSet.PrimedArchiveFile} on {threads} thread(s) to the input", () =>
                GoldenSet.Decompress(primed, kernel, threads).AsSpan().SequenceEqual(input) ? null : "decoded bytes differ from the input");
        }

        byte[] binary = File.ReadAllBytes(Path.Combine(goldenDir, GoldenSet.BinaryInputFile));
        Check($"{GoldenSet.BinaryInputFile} equals the generator's output", () =>
            binary.AsSpan().SequenceEqual(GoldenInput.GenerateBinary()) ? null : "binary golden input differs from GoldenInput.GenerateBinary()");
        foreach (int level in GoldenSet.BinaryLevels)
        {
            string file = GoldenSet.BinaryArchiveFile(level);
            byte[] golden = File.ReadAllBytes(Path.Combine(goldenDir, file));
            Check($"{kernel.Name} compresses {GoldenSet.BinaryInputFile} at level {level} to {file} byte for byte", () =>
                GoldenSet.Compress(binary, level, kernel).AsSpan().SequenceEqual(golden) ? null : "archive differs from the golden one");
            Check($"{kernel.Name} decompresses {file} to the input", () =>
                GoldenSet.Decompress(golden, kernel).AsSpan().SequenceEqual(binary) ? null : "decoded bytes differ from the input");
        }
    }
}

Console.WriteLine($"{passed} passed, {failed} failed");
return failed == 0 ? 0 : 1;

static string? FindGolden()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        string candidate = Path.Combine(dir.FullName, "tests", "data", "golden");
        if (File.Exists(Path.Combine(candidate, GoldenSet.InputFile)))
        {
            return candidate;
        }
    }

    return null;
}
