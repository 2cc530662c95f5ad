using CMix.Coding;
using CMix.Mixing;
using Xunit;

namespace CMix.Core.Tests.Mixing;

/// <summary>
/// tests/data/golden: every supported kernel reproduces the committed archives byte for byte and
/// decodes them. The arm64 self-check verifies the same files, which proves x64 and arm64
/// archives identical. When the model changes on purpose, regenerate them (see the README there).
/// </summary>
public sealed class GoldenArchiveTests
{
    private const string Regenerate =
        "if the model changed on purpose, regenerate: dotnet run --project tools/CMix.SelfCheck -c Release -- --write-golden tests/data/golden";

    public static TheoryData<int, string> LevelsAndKernels()
    {
        var data = new TheoryData<int, string>();
        foreach (int level in (int[])[1, 6, 9])
        {
            foreach (var k in MixerKernels.All.Where(k => MixerKernels.IsSupported(k, out _)))
            {
                data.Add(level, k.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LevelsAndKernels))]
    public void KernelReproducesAndDecodesTheGoldenArchive(int level, string kernelName)
    {
        var kernel = MixerKernels.FromName(kernelName)!;
        string dir = GoldenDir();
        byte[] input = File.ReadAllBytes(Path.Combine(dir, "input.txt"));
        byte[] golden = File.ReadAllBytes(Path.Combine(dir, $"input.l{level}.cmix"));

        using var made = new MemoryStream();
        Compressor.Compress(new MemoryStream(input), made,
            new CompressionOptions { Level = level, Threads = 1, InputLength = input.Length, Name = "" }, null, kernel);
        Assert.True(made.ToArray().AsSpan().SequenceEqual(golden),
            $"{kernel.Name} at level {level} made {made.Length} bytes that differ from the golden {golden.Length}; {Regenerate}");

        using var decoded = new MemoryStream();
        Compressor.Decompress(new MemoryStream(golden), decoded, 1, null, kernel);
        Assert.Equal(input, decoded.ToArray());
    }

    public static TheoryData<string> Kernels()
    {
        var data = new TheoryData<string>();
        foreach (var k in MixerKernels.All.Where(k => MixerKernels.IsSupported(k, out _)))
        {
            data.Add(k.Name);
        }

        return data;
    }

    /// <summary>
    /// input.l1.primed.cmix (format version 3, added at model version 11): the text input at
    /// level 1 in 8 KiB blocks, every block after the first learning a 4 KiB shared prefix, pins
    /// the block layout and the priming; decoded on one thread (blocks in order) and on two (a
    /// later block learning the prefix as the first block's decoder publishes it).
    /// </summary>
    [Theory]
    [MemberData(nameof(Kernels))]
    public void KernelReproducesAndDecodesThePrimedGoldenArchive(string kernelName)
    {
        var kernel = MixerKernels.FromName(kernelName)!;
        string dir = GoldenDir();
        byte[] input = File.ReadAllBytes(Path.Combine(dir, "input.txt"));
        byte[] golden = File.ReadAllBytes(Path.Combine(dir, "input.l1.primed.cmix"));
        Assert.Equal(3, golden[4]); // format version 3 (docs/FORMAT.md)

        using var made = new MemoryStream();
        Compressor.Compress(new MemoryStream(input), made,
            new CompressionOptions { Level = 1, Threads = 2, InputLength = input.Length, Name = "", BlockSize = 8 << 10, PrimeLength = 4 << 10 },
            null, kernel);
        Assert.True(made.ToArray().AsSpan().SequenceEqual(golden),
            $"{kernel.Name} made a primed archive of {made.Length} bytes that differs from the golden {golden.Length}; {Regenerate}");

        foreach (int threads in (int[])[1, 2])
        {
            using var decoded = new MemoryStream();
            Compressor.Decompress(new MemoryStream(golden), decoded, threads, null, kernel);
            Assert.Equal(input, decoded.ToArray());
        }
    }

    public static TheoryData<int, string> BinaryLevelsAndKernels()
    {
        var data = new TheoryData<int, string>();
        foreach (int level in (int[])[1, 6])
        {
            foreach (var k in MixerKernels.All.Where(k => MixerKernels.IsSupported(k, out _)))
            {
                data.Add(level, k.Name);
            }
        }

        return data;
    }

    /// <summary>
    /// binary.bin (ELF header, E8/E9 calls, control bytes; added at model version 10): the binary
    /// contexts and the x86 CALL/JMP transform (header byte 7 = 1) are pinned byte for byte.
    /// </summary>
    [Theory]
    [MemberData(nameof(BinaryLevelsAndKernels))]
    public void KernelReproducesAndDecodesTheBinaryGoldenArchive(int level, string kernelName)
    {
        var kernel = MixerKernels.FromName(kernelName)!;
        string dir = GoldenDir();
        byte[] input = File.ReadAllBytes(Path.Combine(dir, "binary.bin"));
        byte[] golden = File.ReadAllBytes(Path.Combine(dir, $"binary.l{level}.cmix"));
        Assert.Equal(1, golden[7]);

        using var made = new MemoryStream();
        Compressor.Compress(new MemoryStream(input), made,
            new CompressionOptions { Level = level, Threads = 1, InputLength = input.Length, Name = "" }, null, kernel);
        Assert.True(made.ToArray().AsSpan().SequenceEqual(golden),
            $"{kernel.Name} at level {level} made {made.Length} bytes that differ from the binary golden {golden.Length}; {Regenerate}");

        using var decoded = new MemoryStream();
        Compressor.Decompress(new MemoryStream(golden), decoded, 1, null, kernel);
        Assert.Equal(input, decoded.ToArray());
    }

    private static string GoldenDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "data", "golden");
            if (File.Exists(Path.Combine(candidate, "input.txt")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/data/golden not found above " + AppContext.BaseDirectory);
    }
}
