using System.Runtime.InteropServices;

namespace CMix.Sfx.IO;

/// <summary>
/// The few POSIX file calls the stub makes on Linux, bound straight to libc (DirectPInvoke in
/// CMix.Sfx.csproj). They stand in for <see cref="FileStream"/>, <see cref="File"/> and
/// <see cref="Path"/>: FileStream's argument checks box <see cref="FileMode"/> and
/// <see cref="FileAccess"/> into messages and its open path boxes the runtime's open flags, and one
/// boxed enum brings the whole of System.Enum's formatting and the metadata reader behind it into
/// the NativeAOT stub (docs/CLI.md, "SFX stub size"). Errors come back as
/// <see cref="IOException"/>s that name the file and give the C library's message for errno.
/// </summary>
/// <remarks>
/// Linux only (the open flags are those of x86-64 and arm64, which share them); the stub's callers
/// use the runtime's file API on any other system. 64-bit processes only: <c>off_t</c> is a
/// <see cref="long"/>.
/// </remarks>
internal static partial class PosixFile
{
    private const int OReadOnly = 0;
    private const int OWriteOnly = 1;
    private const int OCreate = 0x40;
    private const int OExclusive = 0x80;
    private const int OCloseOnExec = 0x80000;
    private const int SeekEnd = 2;
    private const int FileExists = 0; // access(2) mode F_OK

    /// <summary>errno EINTR: the call was interrupted by a signal and is made again.</summary>
    private const int Eintr = 4;

    /// <summary>errno EEXIST: the name is taken.</summary>
    public const int Eexist = 17;

    /// <summary>Opens <paramref name="path"/> for reading; returns the descriptor.</summary>
    public static int OpenRead(string path)
    {
        int fd;
        while ((fd = SysOpen(path, OReadOnly | OCloseOnExec, 0)) < 0 && Marshal.GetLastPInvokeError() == Eintr)
        {
        }

        return fd >= 0 ? fd : throw Error(path, Marshal.GetLastPInvokeError());
    }

    /// <summary>
    /// Creates <paramref name="path"/>, which must not exist (O_EXCL), write-only, with mode 0666
    /// less the umask (as FileStream creates files); returns the descriptor, or −errno.
    /// </summary>
    public static int TryCreateNew(string path)
    {
        int fd;
        while ((fd = SysOpen(path, OWriteOnly | OCreate | OExclusive | OCloseOnExec, 0x1B6)) < 0 && Marshal.GetLastPInvokeError() == Eintr)
        {
        }

        return fd >= 0 ? fd : -Marshal.GetLastPInvokeError();
    }

    /// <summary>The length of the open file <paramref name="fd"/> (<paramref name="path"/> names it in errors).</summary>
    public static long Length(int fd, string path)
    {
        long end = SysLseek(fd, 0, SeekEnd);
        return end >= 0 ? end : throw Error(path, Marshal.GetLastPInvokeError());
    }

    /// <summary>Reads up to <c>buffer.Length</c> bytes at <paramref name="offset"/> (pread: no shared position); 0 at the end.</summary>
    public static unsafe int ReadAt(int fd, Span<byte> buffer, long offset, string path)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                nint n = SysPread(fd, p, buffer.Length, offset);
                if (n >= 0)
                {
                    return (int)n;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno != Eintr)
                {
                    throw Error(path, errno);
                }
            }
        }
    }

    /// <summary>Flushes the file's data to the disk (fsync).</summary>
    public static void Sync(int fd, string path)
    {
        if (SysFsync(fd) != 0)
        {
            throw Error(path, Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Closes <paramref name="fd"/>; a failure (a delayed write error) throws when <paramref name="path"/> is given.</summary>
    public static void Close(int fd, string? path)
    {
        if (SysClose(fd) != 0 && path is not null)
        {
            throw Error(path, Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Whether anything exists under <paramref name="path"/> (a dangling link counts as nothing, as File.Exists).</summary>
    public static bool Exists(string path) => SysAccess(path, FileExists) == 0;

    /// <summary>Whether <paramref name="path"/> is a directory (or a link to one): "path/." exists only then.</summary>
    public static bool IsDirectory(string path) => SysAccess(path + "/.", FileExists) == 0;

    /// <summary>rename(2): replaces <paramref name="to"/> if it exists; 0 or errno.</summary>
    public static int Rename(string from, string to) => SysRename(from, to) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>link(2): a second name, refused (EEXIST) when <paramref name="to"/> exists; 0 or errno.</summary>
    public static int Link(string from, string to) => SysLink(from, to) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>unlink(2), best effort.</summary>
    public static void Unlink(string path) => SysUnlink(path);

    /// <summary>"<paramref name="path"/>: " and the C library's message for <paramref name="errno"/>.</summary>
    public static IOException Error(string path, int errno) => new($"{path}: {Marshal.GetPInvokeErrorMessage(errno)}");

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SysOpen(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int SysClose(int fd);

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static partial long SysLseek(int fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static unsafe partial nint SysPread(int fd, byte* buffer, nint count, long offset);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int SysFsync(int fd);

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SysAccess(string path, int mode);

    [LibraryImport("libc", EntryPoint = "rename", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SysRename(string from, string to);

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SysLink(string from, string to);

    [LibraryImport("libc", EntryPoint = "unlink", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SysUnlink(string path);
}
