using System.Runtime.InteropServices;
using CMix.Mixing.Gpu;

namespace CMix.Gpu;

/// <summary>
/// <c>[LibraryImport]</c> bindings of the batched entry points of <c>native/cuda/cmixcuda.h</c>
/// (the rest, used by <c>--gpu</c>, are in CMix.Core's <c>CMix.Mixing.Gpu.CudaNative</c>). The
/// library name resolves, through <c>CudaLibrary.AddResolver</c> on this assembly, to the
/// library that <see cref="CudaMixer.Status"/> loaded; <see cref="CudaBatchedMixer.Create"/>
/// installs that resolver before any of these is called.
/// </summary>
/// <remarks>Return codes as in CMix.Core: 0 success, -1 bad argument, -2 CUDA error, -3 call out of order.</remarks>
internal static unsafe partial class BatchedCudaNative
{
    [LibraryImport(CudaNative.LibraryName, EntryPoint = "cmix_cuda_input_buffer")]
    public static partial short* InputBuffer(CudaMixerHandle mixer);

    [LibraryImport(CudaNative.LibraryName, EntryPoint = "cmix_cuda_set_weights")]
    public static partial int SetWeights(CudaMixerHandle mixer, short* w, long count);

    [LibraryImport(CudaNative.LibraryName, EntryPoint = "cmix_cuda_get_weights")]
    public static partial int GetWeights(CudaMixerHandle mixer, short* w, long count);

    [LibraryImport(CudaNative.LibraryName, EntryPoint = "cmix_cuda_predict")]
    public static partial int Predict(CudaMixerHandle mixer, short* x, int* select, int* dots);

    [LibraryImport(CudaNative.LibraryName, EntryPoint = "cmix_cuda_train")]
    public static partial int Train(CudaMixerHandle mixer, int* errors);

    [LibraryImport(CudaNative.LibraryName, EntryPoint = "cmix_cuda_train_predict")]
    public static partial int TrainPredict(CudaMixerHandle mixer, int* errors, short* x, int* select, int* dots);
}
