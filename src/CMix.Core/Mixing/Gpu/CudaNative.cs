using System.Runtime.InteropServices;

namespace CMix.Mixing.Gpu;

/// <summary>
/// <c>[LibraryImport]</c> bindings of <c>native/cuda/cmixcuda.h</c>. The library name is
/// resolved by <see cref="CudaLibrary"/> (a DllImport resolver that returns the handle it
/// loaded), so nothing here is called before <see cref="CudaLibrary.Bind"/> succeeded.
/// </summary>
/// <remarks>
/// Only what <see cref="CudaMixer"/> and <see cref="CudaMixerKernel"/> call: discovery, create and
/// destroy, and the single-vector <c>cmix_cuda_dot</c>/<c>cmix_cuda_train_one</c>. The batched
/// entry points (<c>cmix_cuda_predict</c>, <c>_train</c>, <c>_train_predict</c>, weights, input
/// buffer) are bound in the CMix.Gpu assembly, through <see cref="CudaLibrary.AddResolver"/>.
/// Return codes: 0 success, -1 bad argument, -2 CUDA error, -3 call out of order (see <see cref="Check"/>).
/// </remarks>
internal static unsafe partial class CudaNative
{
    /// <summary>The name the imports use; the resolver maps it to the loaded handle.</summary>
    public const string LibraryName = "cmixcuda";

    /// <summary>The ABI version this managed code was written against (CMIX_CUDA_ABI_VERSION).</summary>
    public const int AbiVersion = 2;

    [LibraryImport(LibraryName, EntryPoint = "cmix_cuda_abi_version")]
    public static partial int AbiVersionOf();

    // Returns a thread-local buffer owned by the library: read it, never free it (so no string marshalling).
    [LibraryImport(LibraryName, EntryPoint = "cmix_cuda_last_error")]
    public static partial nint LastErrorPtr();

    [LibraryImport(LibraryName, EntryPoint = "cmix_cuda_device_count")]
    public static partial int DeviceCount();

    [LibraryImport(LibraryName, EntryPoint = "cmix_cuda_device_name")]
    public static partial int DeviceName(int device, byte* buf, int cap);

    [LibraryImport(LibraryName, EntryPoint = "cmix_cuda_create")]
    public static partial CudaMixerHandle Create(int device, int lanes, int inputs, int sets);

    [LibraryImport(LibraryName, EntryPoint = "cmix_cuda_destroy")]
    public static partial void Destroy(nint mixer);

    [LibraryImport(LibraryName, EntryPoint = "cmix_cuda_dot")]
    public static partial int Dot(CudaMixerHandle mixer, short* x, short* w, int n, int* dot);

    [LibraryImport(LibraryName, EntryPoint = "cmix_cuda_train_one")]
    public static partial int TrainOne(CudaMixerHandle mixer, short* x, short* w, int n, int err);

    /// <summary>This thread's last error message from the library.</summary>
    public static string LastError() => Marshal.PtrToStringUTF8(LastErrorPtr()) ?? "";

    /// <summary>
    /// Throws for a non-zero library return code, with the library's message: -1
    /// <see cref="ArgumentException"/>, -3 <see cref="InvalidOperationException"/>, else
    /// <see cref="CudaUnavailableException"/>.
    /// </summary>
    public static void Check(int rc)
    {
        if (rc != 0)
        {
            string message = LastError();
            if (rc == -1)
            {
                throw new ArgumentException("libcmixcuda: " + message);
            }

            if (rc == -3)
            {
                throw new InvalidOperationException("libcmixcuda: " + message);
            }

            throw new CudaUnavailableException($"libcmixcuda error {rc}: {message}");
        }
    }
}
