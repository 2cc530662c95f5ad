namespace CMix.Cli.IO;

/// <summary>
/// Reads the file named by <c>--reference</c> whole, once per command: the model learns it before
/// every input (and every block), so it is held in memory. A FIFO or <c>&lt;(…)</c> works (read to
/// its end); standard input does not (it carries the data).
/// </summary>
internal static class ReferenceFile
{
    /// <summary>Largest reference: what one .NET array holds, rounded down to 1 GiB (a block's own limit).</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>The bytes of <paramref name="path"/>, or null when no reference was given.</summary>
    public static ReadOnlyMemory<byte>? Read(string? path)
    {
        if (path is null)
        {
            return null;
        }

        if (path is "" or "-")
        {
            throw new UsageException("--reference needs a file name (standard input carries the data)");
        }

        if (Directory.Exists(path))
        {
            throw new CliException($"--reference {path}: is a directory; name a file");
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
            if (file.CanSeek && file.Length > MaxBytes)
            {
                throw new CliException($"--reference {path}: {file.Length} bytes is more than the largest reference, 1G");
            }

            var bytes = new MemoryStream();
            file.CopyTo(bytes);
            if (bytes.Length > MaxBytes)
            {
                throw new CliException($"--reference {path}: more than the largest reference, 1G");
            }

            return bytes.GetBuffer().AsMemory(0, (int)bytes.Length);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"--reference {path}: no such file");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliException($"--reference {path}: permission denied");
        }
    }
}
