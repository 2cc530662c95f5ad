using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CMix.Memory;

/// <summary>
/// Allocates the big model tables: zeroed, 64-byte aligned, and on Linux backed by transparent
/// huge pages where the kernel allows it (<c>madvise(MADV_HUGEPAGE)</c>). A context lookup is a
/// random access into tens or hundreds of MB; with 4 KB pages nearly every one also misses the
/// TLB, with 2 MB pages almost none do. The advice changes speed only, never contents.
/// </summary>
/// <remarks>
/// On Linux a table of a huge page or more is its own anonymous mapping, which the kernel hands out zeroed page by page
/// on first touch: a table is never written in full up front, so a small input pays only for the
/// pages it reaches (level 9's 2 GB hash table and 2.8 GB of SSE stages were cleared for every
/// input before). Smaller tables, and every table elsewhere, are aligned heap blocks cleared here.
/// </remarks>
internal static unsafe partial class LargeTable
{
    private const nuint HugePage = 2u << 20;
    private const nuint PageMask = 4095;
    private const int MadvHugePage = 14;
    private const int ProtReadWrite = 0x1 | 0x2;
    private const int MapPrivateAnonymous = 0x02 | 0x20;

    /// <summary>Returns a block of <paramref name="bytes"/> zeroed bytes, owned by the returned handle.</summary>
    /// <exception cref="OutOfMemoryException">the system cannot map or allocate that much memory</exception>
    public static NativeBlock Alloc(nuint bytes)
    {
        Debug.Assert(bytes > 0);
        if (!Mapped(bytes))
        {
            var block = (byte*)NativeMemory.AlignedAlloc(bytes, 64);
            NativeMemory.Clear(block, bytes);
            return new NativeBlock(block, bytes, mapped: false);
        }

        return new NativeBlock(Map(bytes), bytes, mapped: true);
    }

    /// <summary>
    /// A new block holding the bytes of <paramref name="source"/>, for a copy of the model that owns
    /// it (<c>Predictor.Clone</c>). A mapped table is copied 4 KB page by page, skipping the pages
    /// that are all zero: the new mapping already reads zero there, so a sparse table (most pages of
    /// a big one are never reached by a short input) costs a read of its pages, not a write of
    /// every one, and the copy stays as sparse as the source.
    /// </summary>
    public static NativeBlock Copy(NativeBlock source)
    {
        nuint bytes = source.Bytes;
        NativeBlock copy = Alloc(bytes);
        byte* from = source.Pointer, to = copy.Pointer;
        Debug.Assert(from != null && to != null);
        if (!copy.IsMapped)
        {
            Buffer.MemoryCopy(from, to, bytes, bytes);
            return copy;
        }

        const int Page = (int)PageMask + 1;
        for (nuint at = 0; at < bytes; at += Page)
        {
            int length = (int)Math.Min(Page, bytes - at);
            var page = new ReadOnlySpan<byte>(from + at, length);
            if (page.ContainsAnyExcept((byte)0))
            {
                page.CopyTo(new Span<byte>(to + at, length));
            }
        }

        return copy;
    }

    /// <summary>A zeroed anonymous mapping of <paramref name="bytes"/> starting on a huge page.</summary>
    private static byte* Map(nuint bytes)
    {

        // Map a huge page more than asked, keep the 2 MB-aligned part and unmap the slack on
        // either side, so the table starts on a huge page and Free unmaps exactly what is kept.
        bytes = (bytes + PageMask) & ~PageMask;  // munmap takes whole pages
        nuint length = bytes + HugePage;
        byte* map = Mmap(null, length, ProtReadWrite, MapPrivateAnonymous, -1, 0);
        if (map == (byte*)-1)
        {
            throw new OutOfMemoryException($"could not map {bytes >> 20} MB for a model table (errno {Marshal.GetLastPInvokeError()})");
        }

        byte* p = (byte*)(((nuint)map + HugePage - 1) & ~(HugePage - 1));
        if (p > map)
        {
            _ = Munmap(map, (nuint)(p - map));
        }

        nuint tail = (nuint)(map + length - (p + bytes));
        if (tail > 0)
        {
            _ = Munmap(p + bytes, tail);
        }

        // Best effort: a kernel without THP (or with it set to "never") returns an error, which is fine.
        _ = Madvise(p, bytes, MadvHugePage);
        return p;
    }

    /// <summary>Frees a block of <paramref name="bytes"/> bytes from <see cref="Alloc"/> (called by <see cref="NativeBlock"/> only).</summary>
    internal static void Release(byte* p, nuint bytes, bool mapped)
    {
        if (mapped)
        {
            _ = Munmap(p, (bytes + PageMask) & ~PageMask);
        }
        else
        {
            NativeMemory.AlignedFree(p);
        }
    }

    /// <summary>Whether a table of <paramref name="bytes"/> is its own mapping (else a heap block).</summary>
    private static bool Mapped(nuint bytes) => bytes >= HugePage && OperatingSystem.IsLinux();

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(void* address, nuint length, int advice);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial byte* Mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(void* address, nuint length);
}
