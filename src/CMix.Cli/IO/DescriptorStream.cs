using System.Runtime.InteropServices;

namespace CMix.Cli.IO;

/// <summary>
/// A stream on an inherited descriptor (0, 1 or 2) with plain <c>read(2)</c>/<c>write(2)</c>
/// semantics: every byte goes through the descriptor's shared file offset, so
/// <c>{ cmix -dc a; cmix -dc b; } &gt; out</c> appends as a shell user expects. A
/// <see cref="FileStream"/> on the same descriptor writes with <c>pwrite</c> at its own position
/// and leaves the shared offset where it was (a second writer then overwrites the first);
/// System.Console's streams use plain writes too, but initialise the terminal (the stray
/// <c>ESC[?1h ESC=</c>) and cost the stub about 150 KB. A write to a closed pipe fails with
/// <see cref="BrokenPipeException"/> (the runtime ignores SIGPIPE, so EPIPE comes back), which
/// stops the work. Shared by the CLI and the SFX stub; on Windows it falls back to the console's standard streams (there are no descriptors).
/// </summary>
internal sealed partial class DescriptorStream : Stream
{
    private const int Eintr = 4;
    private const int Epipe = 32;

    private readonly int _fd;
    private readonly bool _write;
    private readonly Stream? _fallback;

    /// <summary>Wraps descriptor <paramref name="fd"/> (not owned: it stays open at dispose).</summary>
    public DescriptorStream(int fd, FileAccess access)
    {
        _fd = fd;
        _write = access == FileAccess.Write;
        if (OperatingSystem.IsWindows())
        {
            _fallback = fd switch { 0 => Console.OpenStandardInput(), 1 => Console.OpenStandardOutput(), _ => Console.OpenStandardError() };
        }
    }

    public override bool CanRead => !_write;

    public override bool CanSeek => false;

    public override bool CanWrite => _write;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override unsafe int Read(Span<byte> buffer)
    {
        if (_fallback is not null)
        {
            return _fallback.Read(buffer);
        }

        if (buffer.IsEmpty)
        {
            return 0;
        }

        fixed (byte* p = buffer)
        {
            while (true)
            {
                nint n = SysRead(_fd, p, buffer.Length);
                if (n >= 0)
                {
                    return (int)n;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno != Eintr)
                {
                    throw new IOException($"read error on descriptor {_fd} (errno {errno})");
                }
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        if (_fallback is not null)
        {
            _fallback.Write(buffer);
            return;
        }

        fixed (byte* start = buffer)
        {
            byte* p = start;
            nint left = buffer.Length;
            while (left > 0)
            {
                nint n = SysWrite(_fd, p, left);
                if (n > 0)
                {
                    p += n;
                    left -= n;
                    continue;
                }

                int errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
                if (errno == Eintr)
                {
                    continue;
                }

                if (errno == Epipe)
                {
                    throw new BrokenPipeException(_fd);
                }

                throw new IOException(errno == 28
                    ? $"no space left on the device of descriptor {_fd}"
                    : $"write error on descriptor {_fd} (errno {errno})");
            }
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _fallback?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Whether descriptor <paramref name="fd"/> is a terminal (isatty; no terminal set-up, unlike System.Console).</summary>
    public static bool IsTerminal(int fd) =>
        OperatingSystem.IsWindows()
            ? fd switch { 0 => !Console.IsInputRedirected, 1 => !Console.IsOutputRedirected, _ => !Console.IsErrorRedirected }
            : SysIsATty(fd) == 1;

    /// <summary>
    /// Occupies any of descriptors 0, 1 and 2 that the parent closed (<c>2&gt;&amp;-</c>) with
    /// /dev/null opened the wrong way round (stdin write-only, stdout and stderr read-only), as
    /// xz does: otherwise the next file opened — an output — would get that number, and messages
    /// meant for stderr would land in the data. Reads and writes on them fail (EBADF), so a
    /// closed stdout under <c>-c</c> is still an error and a closed stderr is still silent.
    /// </summary>
    public static void ReserveStandardDescriptors()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const int FGetFd = 1, OReadOnly = 0, OWriteOnly = 1;
        for (int fd = 0; fd <= 2; fd++)
        {
            if (SysFcntl(fd, FGetFd) < 0)
            {
                int opened = SysOpen("/dev/null", fd == 0 ? OWriteOnly : OReadOnly);
                if (opened >= 0 && opened != fd)
                {
                    SysClose(opened);
                }
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl")]
    private static partial int SysFcntl(int fd, int command);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SysOpen(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int SysClose(int fd);

    [LibraryImport("libc", EntryPoint = "isatty")]
    private static partial int SysIsATty(int fd);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint SysRead(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint SysWrite(int fd, byte* buffer, nint count);
}
