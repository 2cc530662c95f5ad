using CMix.Mixing.Gpu;

namespace CMix.Cli;

/// <summary>
/// The <c>--gpu</c> option of compress, decompress and test: the <see cref="CudaMixerKernel"/>
/// passed to <c>Compressor</c> as the kernel override. It runs every mixer dot product and
/// training step on the GPU, one synchronous round trip each, so it is very slow; it exists to
/// prove that the GPU gives the same archive as the CPU (see docs/CUDA.md). The CUDA probe
/// (<see cref="CudaMixer.Status"/>: library load, context creation, self-test) runs only here
/// and in <c>cmix info</c>.
/// </summary>
internal static class GpuKernel
{
    /// <summary>Help text of <c>--gpu</c>.</summary>
    public const string HelpText =
        "Run the mixer on the CUDA GPU (needs libcmixcuda.so). Very slow, one GPU round trip per dot product: "
        + "it exists to prove GPU/CPU equality; archives are byte-identical either way.";

    /// <summary>
    /// Returns null when <paramref name="requested"/> is false; otherwise creates the CUDA kernel,
    /// or throws <see cref="GpuUnavailableException"/> with the message to print.
    /// </summary>
    public static CudaMixerKernel? Open(bool requested)
    {
        if (!requested)
        {
            return null;
        }

        try
        {
            CudaStatus status = CudaMixer.Status;
            if (!status.Available)
            {
                throw new GpuUnavailableException("--gpu: CUDA mixer unavailable: " + status.Reason);
            }

            return CudaMixerKernel.Create();
        }
        catch (GpuUnavailableException)
        {
            throw;
        }
        catch (Exception e) when (e is CudaUnavailableException or DllNotFoundException or EntryPointNotFoundException
            or BadImageFormatException or InvalidOperationException or ArgumentException)
        {
            throw new GpuUnavailableException("--gpu: CUDA mixer unavailable: " + e.Message);
        }
    }

    /// <summary>Runs <paramref name="body"/> with the kernel of <c>--gpu</c> (null without it), or prints why there is none and returns 1.</summary>
    public static int Run(bool requested, CliConsole console, Func<CudaMixerKernel?, int> body)
    {
        CudaMixerKernel? kernel;
        try
        {
            kernel = Open(requested);
        }
        catch (GpuUnavailableException e)
        {
            console.Error.WriteLine($"cmix: {e.Message}");
            return ExitCodes.Error;
        }

        using (kernel)
        {
            return body(kernel);
        }
    }

    /// <summary>The CUDA kernel asked for with <c>--gpu</c> cannot be made; the message says why.</summary>
    internal sealed class GpuUnavailableException(string message) : Exception(message);
}
