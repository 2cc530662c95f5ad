using Microsoft.Win32.SafeHandles;

namespace CMix.Mixing.Gpu;

/// <summary>Owns one <c>cmix_cuda_mixer*</c>; releasing it calls <c>cmix_cuda_destroy</c>.</summary>
internal sealed class CudaMixerHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the interop marshaller.</summary>
    public CudaMixerHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        CudaNative.Destroy(handle);
        return true;
    }
}
