using System.Reflection;
using System.Runtime.InteropServices;

namespace CMix.Mixing.Gpu;

/// <summary>
/// Finds and loads <c>libcmixcuda</c> with <see cref="NativeLibrary.TryLoad(string, out nint)"/>,
/// recording every path tried and why it failed, and binds the first library loaded to the
/// <c>[LibraryImport]</c> declarations of <see cref="CudaNative"/> through a DllImport resolver.
/// </summary>
/// <remarks>
/// Search order: <c>$CMIX_CUDA_LIBRARY</c> (a full path), the application folder, its
/// <c>runtimes/&lt;rid&gt;/native</c> folder, then the bare file name (the system loader's
/// search: <c>LD_LIBRARY_PATH</c>, the ldconfig cache; <c>PATH</c> on Windows). Never throws.
/// </remarks>
internal static class CudaLibrary
{
    private static readonly Lock s_lock = new();
    private static nint s_bound;
    private static string? s_boundPath;

    /// <summary>The library's file name on this operating system.</summary>
    public static string FileName =>
        OperatingSystem.IsWindows() ? "cmixcuda.dll" : OperatingSystem.IsMacOS() ? "libcmixcuda.dylib" : "libcmixcuda.so";

    /// <summary>The default candidates, in search order.</summary>
    public static IReadOnlyList<string> DefaultCandidates()
    {
        var list = new List<string>();
        string? env = Environment.GetEnvironmentVariable("CMIX_CUDA_LIBRARY");
        if (!string.IsNullOrWhiteSpace(env))
        {
            list.Add(env);
        }

        string baseDir = AppContext.BaseDirectory;
        list.Add(Path.Combine(baseDir, FileName));
        list.Add(Path.Combine(baseDir, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", FileName));
        list.Add(FileName);
        return list;
    }

    /// <summary>
    /// Tries each candidate in order; a rooted or relative path must exist, a bare file name is
    /// left to the system loader. Returns the first handle loaded (0 if none) and appends one
    /// trace line per candidate.
    /// </summary>
    public static nint TryLoad(IEnumerable<string> candidates, List<string> trace, out string? loadedPath)
    {
        loadedPath = null;
        foreach (string candidate in candidates)
        {
            bool bare = Path.GetFileName(candidate) == candidate;
            if (!bare && !File.Exists(candidate))
            {
                trace.Add($"{candidate}: not found");
                continue;
            }

            if (NativeLibrary.TryLoad(candidate, out nint handle))
            {
                trace.Add($"{candidate}: loaded");
                loadedPath = candidate;
                return handle;
            }

            trace.Add($"{candidate}: {WhyLoadFailed(candidate)}");
        }

        return 0;
    }

    /// <summary>
    /// Makes <paramref name="handle"/> the library behind <see cref="CudaNative"/>. Only one
    /// library can be bound per process; binding the same handle again is a no-op.
    /// </summary>
    /// <returns>null on success, else why binding failed.</returns>
    public static string? Bind(nint handle, string path)
    {
        lock (s_lock)
        {
            if (s_bound != 0)
            {
                return s_bound == handle ? null : $"another CUDA library is already in use ({s_boundPath})";
            }

            string? resolverError = AddResolver(typeof(CudaLibrary).Assembly);
            if (resolverError is not null)
            {
                return resolverError;
            }

            s_bound = handle;
            s_boundPath = path;
            return null;
        }
    }

    /// <summary>
    /// Resolves <see cref="CudaNative.LibraryName"/> in <paramref name="assembly"/>'s own
    /// <c>[LibraryImport]</c>s to the library <see cref="Bind"/> bound (CMix.Gpu binds the batched
    /// entry points this way). Call it once per assembly, after <see cref="CudaMixer.Status"/>
    /// reported the library available.
    /// </summary>
    /// <returns>null on success, else why the resolver could not be installed.</returns>
    public static string? AddResolver(Assembly assembly)
    {
        try
        {
            NativeLibrary.SetDllImportResolver(assembly, Resolve);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return "cannot install the DllImport resolver: " + e.Message;
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == CudaNative.LibraryName ? s_bound : 0;

    // TryLoad says only "no"; Load's exception carries the loader's message (dlerror / Win32 error).
    private static string WhyLoadFailed(string candidate)
    {
        try
        {
            nint h = NativeLibrary.Load(candidate);
            NativeLibrary.Free(h);
            return "TryLoad failed, Load succeeded on retry (ignored)";
        }
        catch (DllNotFoundException e)
        {
            return "load failed: " + OneLine(e.Message);
        }
        catch (BadImageFormatException e)
        {
            return "not a loadable library: " + OneLine(e.Message);
        }
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();
}
