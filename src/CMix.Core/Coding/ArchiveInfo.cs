namespace CMix.Coding;

/// <summary>What an archive says about itself (from its header and, when scanned, its frames).</summary>
public sealed record ArchiveInfo
{
    public required ArchiveHeader Header { get; init; }

    /// <summary>Number of independent blocks (from a frame scan; null when not scanned).</summary>
    public int? Blocks { get; init; }

    /// <summary>Number of segments (from a frame scan).</summary>
    public int? Segments { get; init; }

    /// <summary>Original length from the trailer (from a frame scan).</summary>
    public long? OriginalLength { get; init; }

    /// <summary>xxHash64 of the original, from the trailer.</summary>
    public ulong? Checksum { get; init; }

    /// <summary>Archive bytes in total (from a frame scan).</summary>
    public long? ArchiveLength { get; init; }
}
