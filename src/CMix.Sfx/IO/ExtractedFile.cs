using CMix.Cli.IO;

namespace CMix.Sfx.IO;

/// <summary>
/// The stub's output file, which appears under its name only when complete, as the CLI's
/// <see cref="AtomicFile"/>: bytes go to a hidden temporary file beside it, <see cref="Commit"/>
/// syncs it and gives it the final name, and disposing without committing deletes it. On Linux it
/// is written with <see cref="PosixFile"/> calls (FileStream would cost the NativeAOT stub System.Enum's
/// formatting); elsewhere it is an <see cref="AtomicFile"/>.
/// </summary>
internal sealed class ExtractedFile : IDisposable
{
    /// <summary>Names tried for the temporary file before giving up (each is created with O_EXCL).</summary>
    private const int TemporaryNameAttempts = 64;

    private readonly AtomicFile? _portable;
    private readonly string _path = "";
    private readonly string _temp = "";
    private readonly bool _overwrite;
    private int _fd = -1;
    private bool _done;

    private ExtractedFile(AtomicFile portable)
    {
        _portable = portable;
        Stream = portable.Stream;
    }

    private ExtractedFile(string path, string temp, bool overwrite, int fd)
    {
        _path = path;
        _temp = temp;
        _overwrite = overwrite;
        _fd = fd;
        Stream = new DescriptorStream(fd, FileAccess.Write);
    }

    /// <summary>The stream to write to (the temporary file).</summary>
    public Stream Stream { get; }

    /// <summary>
    /// Starts writing <paramref name="path"/>. Throws <see cref="IOException"/> when it is a
    /// directory, when it exists and <paramref name="overwrite"/> is false, or when the temporary
    /// file cannot be created.
    /// </summary>
    public static ExtractedFile Create(string path, bool overwrite)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new ExtractedFile(AtomicFile.Create(path, overwrite));
        }

        if (path.Length == 0)
        {
            throw new IOException("the output name is empty");
        }

        if (PosixFile.IsDirectory(path))
        {
            throw new IOException($"{path} is a directory; name an output file instead");
        }

        if (!overwrite && PosixFile.Exists(path))
        {
            throw new IOException($"{path} already exists; use -f to overwrite it");
        }

        // ".NAME.PID-N.tmp" in the target's directory, so the final rename stays on one file system.
        int slash = path.LastIndexOf('/');
        string prefix = path[..(slash + 1)] + "." + path[(slash + 1)..] + "." + Environment.ProcessId + "-";
        for (int attempt = 0; ; attempt++)
        {
            string temp = prefix + attempt + ".tmp";
            int fd = PosixFile.TryCreateNew(temp);
            if (fd >= 0)
            {
                return new ExtractedFile(path, temp, overwrite, fd);
            }

            if (-fd != PosixFile.Eexist || attempt == TemporaryNameAttempts)
            {
                throw PosixFile.Error(path, -fd);
            }
        }
    }

    /// <summary>
    /// Syncs the data to the disk and gives the file its final name: replacing what is there with
    /// -f, else refusing (EEXIST through link(2)) a file that appeared meanwhile.
    /// </summary>
    public void Commit()
    {
        if (_portable is not null)
        {
            _portable.Commit();
            return;
        }

        ObjectDisposedException.ThrowIf(_done, this);
        PosixFile.Sync(_fd, _path);
        int fd = _fd;
        _fd = -1;
        PosixFile.Close(fd, _path);
        int errno = _overwrite ? PosixFile.Rename(_temp, _path) : PosixFile.Link(_temp, _path);
        if (errno == PosixFile.Eexist && !_overwrite)
        {
            throw new IOException($"{_path} already exists; use -f to overwrite it");
        }

        if (errno != 0 && !_overwrite)
        {
            // No hard links on this file system: the name was free a moment ago, so rename.
            errno = PosixFile.Rename(_temp, _path);
        }

        if (errno != 0)
        {
            throw PosixFile.Error(_path, errno);
        }

        if (!_overwrite)
        {
            PosixFile.Unlink(_temp);  // the data now has its final name too (link), or the rename moved it
        }

        _done = true;
    }

    /// <summary>Deletes the temporary file unless <see cref="Commit"/> succeeded.</summary>
    public void Dispose()
    {
        if (_portable is not null)
        {
            _portable.Dispose();
            return;
        }

        if (_fd >= 0)
        {
            PosixFile.Close(_fd, null);
            _fd = -1;
        }

        if (!_done)
        {
            _done = true;
            PosixFile.Unlink(_temp);
        }
    }
}
