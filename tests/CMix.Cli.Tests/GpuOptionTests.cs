using CMix.Mixing.Gpu;

namespace CMix.Cli.Tests;

/// <summary>
/// <c>--gpu</c> and the CUDA section of <c>cmix info</c>. Where no CUDA mixer is usable (CI, any
/// machine without libcmixcuda.so and a GPU) --gpu must fail cleanly before reading input; where
/// one is, it must produce the same archive as the CPU.
/// </summary>
public sealed class GpuOptionTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static bool GpuAvailable => CudaMixer.Status.Available;

    private static byte[] Sample(int size) => [.. Enumerable.Range(0, size).Select(i => (byte)("the quick brown fox "[i % 20] ^ (i / 97 & 1)))];

    [Fact]
    public void InfoHasCudaSection()
    {
        var r = _cli.Run(["info"]);
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("CUDA", r.Text);
        Assert.Contains(GpuAvailable ? "CUDA mixer: available" : "CUDA mixer: unavailable", r.Text);
        Assert.Contains("tried ", r.Text);
        Assert.Contains("--gpu", r.Text);
    }

    [Fact]
    public void HelpDescribesGpuAsSlowEqualityCheck()
    {
        foreach (string verb in new[] { "compress", "decompress", "test" })
        {
            var r = _cli.Run([verb, "--help"]);
            Assert.True(r.Code == 0, r.ToString());
            Assert.Contains("--gpu", r.Text);
            Assert.Contains("slow", r.Text);
            Assert.Contains("equality", r.Text);
            Assert.Contains("byte-identical", r.Text);
        }
    }

    [NoGpuFact]
    public void GpuCompressFailsCleanlyWithoutCuda()
    {
        string input = _cli.Write("in.txt", Sample(500));
        var r = _cli.Run(["--gpu", "-1", input]);
        Assert.True(r.Code == 1, r.ToString());
        Assert.StartsWith("cmix: --gpu: CUDA mixer unavailable: ", r.Error);
        Assert.Contains(CudaMixer.Status.Reason, r.Error);
        Assert.Equal(["in.txt"], _cli.Files());
        Assert.False(File.Exists(input + ".cmix"));

        // Stdin to stdout: nothing is written either.
        var piped = _cli.Run(["compress", "--gpu"], stdin: Sample(100));
        Assert.Equal(1, piped.Code);
        Assert.Contains("CUDA mixer unavailable", piped.Error);
        Assert.Empty(piped.Stdout);
    }

    [NoGpuFact]
    public void GpuDecompressAndTestFailCleanlyWithoutCuda()
    {
        string input = _cli.Write("in.txt", Sample(500));
        Assert.Equal(0, _cli.Run(["-1", input]).Code);
        File.Delete(input);
        foreach (string[] args in new[] { new[] { "-d", "--gpu", input + ".cmix" }, new[] { "test", "--gpu", input + ".cmix" } })
        {
            var r = _cli.Run(args);
            Assert.True(r.Code == 1, r.ToString());
            Assert.Contains("cmix: --gpu: CUDA mixer unavailable: ", r.Error);
            Assert.Equal(["in.txt.cmix"], _cli.Files());
        }
    }

    [Fact]
    public void UsageErrorsStillComeFirst()
    {
        var r = _cli.Run(["--gpu", "-T", "-3", "f"]);
        Assert.True(r.Code == 2, r.ToString());
        Assert.DoesNotContain("CUDA", r.Error);
    }

    [GpuFact]
    public void GpuArchiveEqualsCpuArchive()
    {
        byte[] data = Sample(1500);
        string input = _cli.Write("in.txt", data);
        Assert.Equal(0, _cli.Run(["-1", "-o", _cli.PathOf("cpu.cmix"), input]).Code);
        var gpu = _cli.Run(["--gpu", "-1", "-o", _cli.PathOf("gpu.cmix"), input]);
        Assert.True(gpu.Code == 0, gpu.ToString());
        Assert.Equal(File.ReadAllBytes(_cli.PathOf("cpu.cmix")), File.ReadAllBytes(_cli.PathOf("gpu.cmix")));
        var back = _cli.Run(["-d", "--gpu", "-o", _cli.PathOf("back.txt"), _cli.PathOf("cpu.cmix")]);
        Assert.True(back.Code == 0, back.ToString());
        Assert.Equal(data, File.ReadAllBytes(_cli.PathOf("back.txt")));
        Assert.Equal(0, _cli.Run(["test", "--gpu", _cli.PathOf("gpu.cmix")]).Code);
    }
}

/// <summary>A fact that runs only where the CUDA mixer is usable; elsewhere skipped with the reason.</summary>
public sealed class GpuFactAttribute : FactAttribute
{
    public GpuFactAttribute()
    {
        if (!CudaMixer.Status.Available)
        {
            Skip = "CUDA mixer unavailable: " + CudaMixer.Status.Reason;
        }
    }
}

/// <summary>A fact that runs only where the CUDA mixer is not usable (checks the failure path of --gpu).</summary>
public sealed class NoGpuFactAttribute : FactAttribute
{
    public NoGpuFactAttribute()
    {
        if (CudaMixer.Status.Available)
        {
            Skip = "a CUDA mixer is usable here; GpuArchiveEqualsCpuArchive covers --gpu";
        }
    }
}
