namespace CMix.CorpusBench;

/// <summary>
/// One input of a benchmark: a file and how much of it is used. <see cref="Prefix"/> is the
/// requested prefix length (null = whole file); <see cref="Length"/> is what is actually read,
/// which is shorter when the file is.
/// </summary>
internal sealed record CorpusFile(string Path, long? Prefix, long Length)
{
    /// <summary>The file name, which is how reports, the ledger and the history name an input.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>Opens <paramref name="path"/> and records how many bytes of it a run will use.</summary>
    public static CorpusFile Open(string path, long? prefix)
    {
        long size = new FileInfo(path).Length;
        return new CorpusFile(path, prefix, prefix is long p ? Math.Min(p, size) : size);
    }

    /// <summary>Reads the bytes a run uses: the first <see cref="Length"/> bytes of the file.</summary>
    public byte[] ReadBytes()
    {
        if (Length > Array.MaxLength)
        {
            throw new NotSupportedException($"{Name}: {Length} bytes do not fit in one buffer; use a shorter --prefix");
        }

        var data = new byte[Length];
        using var stream = File.OpenRead(Path);
        stream.ReadExactly(data);
        return data;
    }
}
