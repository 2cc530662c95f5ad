using CMix.Mixing.Gpu;
using Xunit;
using Xunit.Abstractions;

namespace CMix.Core.Tests.Gpu;

/// <summary>Tests that run everywhere: the loader fails cleanly and says why.</summary>
public sealed class CudaLoaderTests(ITestOutputHelper output)
{
    [Fact]
    public void Probe_WithAbsentLibrary_FailsCleanlyWithReasonAndTrace()
    {
        string missing = Path.Combine(Path.GetTempPath(), "cmix-no-such-dir", CudaLibrary.FileName);

        CudaStatus status = CudaMixer.Probe([missing]);

        Assert.False(status.Available);
        Assert.Contains("not found", status.Reason);
        Assert.Null(status.LibraryPath);
        Assert.Equal($"{missing}: not found", Assert.Single(status.LoadTrace));
        output.WriteLine(status.ToString());
    }

    [Fact]
    public void Probe_WithGarbageFile_ReportsTheLoaderMessage()
    {
        string dir = Directory.CreateTempSubdirectory("cmix-cuda-").FullName;
        string garbage = Path.Combine(dir, CudaLibrary.FileName);
        File.WriteAllText(garbage, "this is not a shared library");
        try
        {
            CudaStatus status = CudaMixer.Probe([garbage, "libcmixcuda-does-not-exist.so"]);

            Assert.False(status.Available);
            Assert.Equal(2, status.LoadTrace.Count);
            Assert.StartsWith(garbage + ": ", status.LoadTrace[0]);
            Assert.DoesNotContain("loaded", status.LoadTrace[0]);
            output.WriteLine(status.ToString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Status_NeverThrows_AndSaysWhy()
    {
        // CudaArchiveTests.CreateKernel_WithoutGpu_ThrowsWithReason checks what --gpu does with it.
        CudaStatus status = CudaMixer.Status;
        output.WriteLine(status.ToString());
        Assert.False(string.IsNullOrWhiteSpace(status.Reason));
        Assert.NotEmpty(status.LoadTrace);
    }
}
