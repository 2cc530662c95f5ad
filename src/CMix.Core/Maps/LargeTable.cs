using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CMix.Maps;

/// <summary>
/// Allocates the big model tables: zeroed, 64-byte aligned, and on Linux backed by transparent
/// huge pages where the kernel allows it (<c>madvise(MADV_HUGEPAGE)</c>). A context lookup is a
/// random access into tens or hundreds of MB; with 4 KB pages nearly every one also misses the
/// TLB, with 2 MB pages almost none do. The advice changes speed only, never contents.
/// </summary>
internal static unsafe partial class LargeTable
{
    private const nuint HugePage = 2u << 20;
    private const int MadvHugePage = 14;

    /// <summary>Returns <paramref name="bytes"/> zeroed bytes; free with <see cref="Free"/>.</summary>
    public static byte* Alloc(nuint bytes)
    {
        Debug.Assert(bytes > 0);
        bool huge = bytes >= HugePage && OperatingSystem.IsLinux();
        var p = (byte*)NativeMemory.AlignedAlloc(bytes, huge ? HugePage : 64);
        if (huge)
        {
            // Best effort: a kernel without THP (or with it set to "never") returns an error, which is fine.
            _ = Madvise(p, bytes, MadvHugePage);
        }

        NativeMemory.Clear(p, bytes);
        return p;
    }

    /// <summary>Frees a table from <see cref="Alloc"/>.</summary>
    public static void Free(byte* p) => NativeMemory.AlignedFree(p);

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(void* address, nuint length, int advice);
}
