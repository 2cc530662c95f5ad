namespace CMix.Mixing.Gpu;

/// <summary>
/// Thrown when the CUDA mixer is asked for (e.g. <c>cmix --gpu</c>) but cannot be used, or
/// when the library reports an error; the message says why.
/// </summary>
public sealed class CudaUnavailableException : Exception
{
    /// <summary>Creates the exception with its reason.</summary>
    public CudaUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its reason and cause.</summary>
    public CudaUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
