using CMix.Mixing.Gpu;
using Xunit;

namespace CMix.Gpu.Tests;

/// <summary>
/// A fact that runs only where the CUDA mixer is available (library, device and self-test);
/// elsewhere it is skipped and the skip message carries <see cref="CudaStatus.Reason"/>.
/// </summary>
public sealed class GpuFactAttribute : FactAttribute
{
    public GpuFactAttribute()
    {
        CudaStatus status = CudaMixer.Status;
        if (!status.Available)
        {
            Skip = "CUDA mixer unavailable: " + status.Reason;
        }
    }
}
