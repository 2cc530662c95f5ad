using Microsoft.Win32.SafeHandles;

namespace CMix.Sfx.IO;

/// <summary>
/// This executable's own file as a read-only, seekable stream: the stub reads its trailer and the
/// embedded archive from it. Each read is at <see cref="Position"/> (pread on Linux through
/// <see cref="PosixFile"/>, so the NativeAOT stub has no FileStream in it; a
/// <see cref="SafeFileHandle"/> and <see cref="RandomAccess"/> elsewhere).
/// </summary>
/// <remarks>
/// The branches test <see cref="OperatingSystem.IsLinux"/>, a constant to the NativeAOT compiler,
/// so the Linux stub does not contain the other one (RandomAccess and its SafeHandle marshalling).
/// </remarks>
internal sealed class SelfImage : Stream
{
    private readonly string _path;
    private readonly int _fd;
    private readonly SafeFileHandle? _handle;
    private readonly long _length;
    private long _position;

    private SelfImage(string path, int fd, SafeFileHandle? handle, long length)
    {
        _path = path;
        _fd = fd;
        _handle = handle;
        _length = length;
    }

    /// <summary>Opens <paramref name="path"/> for reading; throws <see cref="IOException"/> when it cannot.</summary>
    public static SelfImage Open(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            var handle = File.OpenHandle(path);
            return new SelfImage(path, -1, handle, RandomAccess.GetLength(handle));
        }

        int fd = PosixFile.OpenRead(path);
        try
        {
            return new SelfImage(path, fd, null, PosixFile.Length(fd, path));
        }
        catch
        {
            PosixFile.Close(fd, null);
            throw;
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    /// <summary>The file's length in bytes, read once at open.</summary>
    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = OperatingSystem.IsLinux()
            ? PosixFile.ReadAt(_fd, buffer, _position, _path)
            : RandomAccess.Read(_handle!, buffer, _position);
        _position += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => _length + offset,
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // Overridden so that Stream's default, which rents from ArrayPool, is not compiled into the stub.
    public override void Write(ReadOnlySpan<byte> buffer) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (OperatingSystem.IsLinux())
            {
                PosixFile.Close(_fd, null);
            }
            else
            {
                _handle!.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
