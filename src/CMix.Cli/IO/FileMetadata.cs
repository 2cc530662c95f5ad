using System.Runtime.InteropServices;

namespace CMix.Cli.IO;

/// <summary>
/// What gzip, xz and zstd carry from an input file to its output: permission bits, access and
/// modification times, and owner and group. Taken from the input before the work, applied to the
/// temporary output before it is renamed into place. Permissions are never widened: the set-id
/// and sticky bits are dropped, and when the group cannot be given to the output (not root, not
/// a member) the group bits are cleared instead. The owner is set only when running as root.
/// </summary>
internal sealed partial class FileMetadata
{
    private const UnixFileMode Permissions = (UnixFileMode)0x1FF;  // rwxrwxrwx
    private const UnixFileMode GroupBits = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute;

    private readonly UnixFileMode? _mode;
    private readonly DateTime _lastWrite;
    private readonly DateTime _lastAccess;
    private readonly (uint Uid, uint Gid)? _owner;

    private FileMetadata(UnixFileMode? mode, DateTime lastWrite, DateTime lastAccess, (uint, uint)? owner)
    {
        _mode = mode;
        _lastWrite = lastWrite;
        _lastAccess = lastAccess;
        _owner = owner;
    }

    /// <summary>The metadata of the regular file <paramref name="path"/>, or null when it is not one (a pipe, a device).</summary>
    public static FileMetadata? Of(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists || (info.Attributes & (FileAttributes.Device | FileAttributes.Directory)) != 0)
        {
            return null;
        }

        UnixFileMode? mode = OperatingSystem.IsWindows() ? null : info.UnixFileMode & Permissions;
        return new FileMetadata(mode, info.LastWriteTimeUtc, info.LastAccessTimeUtc, OperatingSystem.IsLinux() ? Owner(path) : null);
    }

    /// <summary>Applies the metadata to <paramref name="path"/> (the temporary output, still private).</summary>
    public void ApplyTo(string path)
    {
        UnixFileMode? mode = _mode;
        if (_owner is (uint uid, uint gid) && OperatingSystem.IsLinux())
        {
            bool root = GetEuid() == 0;
            // As a user only the group can change (to one the user belongs to); -1 keeps the owner.
            if (SysChown(path, root ? uid : uint.MaxValue, gid) != 0 && mode is UnixFileMode m)
            {
                mode = m & ~GroupBits;
            }
        }

        // Best effort, as in gzip: a file system that refuses a mode or a time must not cost the
        // output. A refused mode leaves the private 0600, never anything wider.
        try
        {
            if (mode is UnixFileMode final && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, final);
            }

            File.SetLastAccessTimeUtc(path, _lastAccess);
            File.SetLastWriteTimeUtc(path, _lastWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
        }
    }

    /// <summary>Owner and group through statx(2), whose layout is the same on every Linux architecture.</summary>
    private static unsafe (uint, uint)? Owner(string path)
    {
        const int AtFdCwd = -100;
        const uint StatxBasicStats = 0x7FF;
        const int StatxSize = 256;
        byte* buffer = stackalloc byte[StatxSize];
        try
        {
            if (SysStatx(AtFdCwd, path, 0, StatxBasicStats, buffer) != 0)
            {
                return null;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return null;  // a C library older than statx (glibc < 2.28)
        }

        // struct statx: stx_uid at byte 20, stx_gid at byte 24, in host byte order.
        return (*(uint*)(buffer + 20), *(uint*)(buffer + 24));
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int SysStatx(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SysChown(string path, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();
}
