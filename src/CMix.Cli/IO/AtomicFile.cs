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
    private readonly FileStream _stream;
    private bool _committed;
    private bool _disposed;

    private AtomicFile(string path, string tempPath, bool overwrite, FileStream stream)
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
    public static AtomicFile Create(string path, bool overwrite)
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
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        lock (s_pending)
        {
            s_pending.Add(temp);
        }

        return new AtomicFile(full, temp, overwrite, stream);
    }

    /// <summary>
    /// Flushes the data to disk and renames the temporary file to <see cref="Path"/>, applying
    /// <paramref name="mode"/> first when given (Unix only). After this call the instance is done.
    /// </summary>
    public void Commit(UnixFileMode? mode = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        if (mode is UnixFileMode m && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_tempPath, m);
        }

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
        _stream.Dispose();
        TryDelete(_tempPath);
        Forget(_tempPath);
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
