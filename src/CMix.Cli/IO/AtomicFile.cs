namespace CMix.Cli.IO;

/// <summary>
/// An output file that appears under its final name only when complete: bytes go to a hidden
/// temporary file in the target directory (so the final rename never crosses file systems), and
/// <see cref="Commit"/> renames it into place. Disposing without committing deletes the temporary
/// file, so a failed or interrupted run leaves nothing behind. Shared by the CLI and the SFX stub.
/// </summary>
internal sealed class AtomicFile : IDisposable
{
    /// <summary>Temporary files not yet committed or deleted, for <see cref="DeletePending"/>.</summary>
    private static readonly List<string> s_pending = [];

    private readonly string _path;
    private readonly string _tempPath;
    private readonly bool _overwrite;
    private readonly Stream _stream;
    private bool _committed;
    private bool _disposed;

    private AtomicFile(string path, string tempPath, bool overwrite, Stream stream)
    {
        _path = path;
        _tempPath = tempPath;
        _overwrite = overwrite;
        _stream = stream;
    }

    /// <summary>The final path the file will have after <see cref="Commit"/>.</summary>
    public string Path => _path;

    /// <summary>The stream to write to (the temporary file).</summary>
    public Stream Stream => _stream;

    /// <summary>
    /// Starts writing <paramref name="path"/>. Throws <see cref="IOException"/> when the file exists
    /// and <paramref name="overwrite"/> is false, or when <paramref name="path"/> is a directory.
    /// </summary>
    public static AtomicFile Create(string path, bool overwrite) => Create(path, overwrite, ownerOnly: false, wrap: null);

    /// <summary>
    /// As <see cref="Create(string, bool)"/>; with <paramref name="ownerOnly"/> the temporary file
    /// is created readable and writable by its owner only (0600), so that data from a private
    /// input is never readable by others while it is written (the final mode is set at
    /// <see cref="Commit(Action{string}?)"/>). <paramref name="wrap"/> lets tests put a failing
    /// stream over the file (disk full).
    /// </summary>
    internal static AtomicFile Create(string path, bool overwrite, bool ownerOnly, Func<FileStream, Stream>? wrap)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IOException($"{path} is a directory; name an output file instead");
        }

        if (!overwrite && File.Exists(full))
        {
            throw new IOException($"{path} already exists; use -f to overwrite it");
        }

        string directory = System.IO.Path.GetDirectoryName(full) ?? ".";
        string temp = System.IO.Path.Combine(directory, "." + System.IO.Path.GetFileName(full) + "." + System.IO.Path.GetRandomFileName() + ".tmp");
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16 };
        if (ownerOnly && !OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var file = new FileStream(temp, fileOptions);
        lock (s_pending)
        {
            s_pending.Add(temp);
        }

        return new AtomicFile(full, temp, overwrite, wrap is null ? file : wrap(file));
    }

    /// <summary>
    /// Flushes the data to disk and renames the temporary file to <see cref="Path"/>, applying
    /// <paramref name="mode"/> first when given (Unix only). After this call the instance is done.
    /// </summary>
    public void Commit(UnixFileMode? mode = null) => Commit(mode is UnixFileMode m ? temp => SetMode(temp, m) : null);

    private static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    /// <summary>
    /// Flushes the data to disk, runs <paramref name="prepare"/> on the temporary file's path
    /// (permissions, times, owner), then renames it to <see cref="Path"/>. After this call the
    /// instance is done; if anything here throws, <see cref="Dispose"/> still deletes the file.
    /// </summary>
    public void Commit(Action<string>? prepare)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _stream.Flush();
        if (_stream is FileStream file)
        {
            file.Flush(flushToDisk: true);
        }

        _stream.Dispose();
        prepare?.Invoke(_tempPath);

        File.Move(_tempPath, _path, _overwrite);
        _committed = true;
        _disposed = true;
        Forget(_tempPath);
    }

    /// <summary>
    /// Deletes every temporary file still being written. Called from SIGINT/SIGTERM handlers,
    /// where finally blocks do not run, so an interrupted run leaves nothing behind either.
    /// </summary>
    public static void DeletePending()
    {
        lock (s_pending)
        {
            foreach (string path in s_pending)
            {
                TryDelete(path);
            }

            s_pending.Clear();
        }
    }

    private static void Forget(string path)
    {
        lock (s_pending)
        {
            s_pending.Remove(path);
        }
    }

    /// <summary>Deletes the temporary file unless <see cref="Commit"/> succeeded.</summary>
    public void Dispose()
    {
        if (_committed)
        {
            return;
        }

        _disposed = true;
        try
        {
            // A full disk makes Dispose throw again (it flushes what the failed write left in
            // the buffer); the temporary file must go whatever it throws, and the first error,
            // already on its way, is the one to report.
            _stream.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException)
        {
        }
        finally
        {
            TryDelete(_tempPath);
            Forget(_tempPath);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original error matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
