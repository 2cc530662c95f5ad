namespace CMix.Mixing.Gpu;

/// <summary>
/// Whether the CUDA mixer can be used in this process, and why (not). Built once by
/// <see cref="CudaMixer.Status"/>; immutable.
/// </summary>
public sealed class CudaStatus
{
    internal CudaStatus(bool available, string reason, string? device, string? libraryPath, int? abiVersion, IReadOnlyList<string> loadTrace)
    {
        Available = available;
        Reason = reason;
        Device = device;
        LibraryPath = libraryPath;
        AbiVersion = abiVersion;
        LoadTrace = loadTrace;
    }

    /// <summary>True when the library loaded, its ABI matches, a device exists and the self-test against the scalar kernel passed.</summary>
    public bool Available { get; }

    /// <summary>One line: what is in use, or why the CUDA mixer is unavailable and what to do.</summary>
    public string Reason { get; }

    /// <summary>The GPU's name, compute capability, SM count and memory; null when none was reached.</summary>
    public string? Device { get; }

    /// <summary>The library file that loaded; null when none did.</summary>
    public string? LibraryPath { get; }

    /// <summary>The library's ABI version; null when it was not read.</summary>
    public int? AbiVersion { get; }

    /// <summary>One line per candidate path tried: the path and what happened.</summary>
    public IReadOnlyList<string> LoadTrace { get; }

    /// <summary>Lines for <c>cmix info</c>: the verdict, then the load trace indented.</summary>
    public IEnumerable<string> Describe()
    {
        yield return (Available ? "CUDA mixer: available — " : "CUDA mixer: unavailable — ") + Reason;
        foreach (string line in LoadTrace)
        {
            yield return "  tried " + line;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(Environment.NewLine, Describe());
}
