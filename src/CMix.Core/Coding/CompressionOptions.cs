using CMix.Prediction;

namespace CMix.Coding;

/// <summary>What to compress with.</summary>
public sealed record CompressionOptions
{
    /// <summary>Level 1 (fastest) .. 9 (strongest).</summary>
    public int Level { get; init; } = ModelSettings.DefaultLevel;

    /// <summary>Worker threads; 1 = one model over the whole input (Hutter style), 0 = all cores.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Bytes per independent block; null = one block when Threads is 1, else chosen from input size and level.</summary>
    public long? BlockSize { get; init; }

    /// <summary>
    /// Bytes of the shared prefix (<see cref="BlockLayout"/>): with several blocks, every block's
    /// model after the first learns the first block's first this many bytes before its own, which
    /// costs those blocks' threads the time to learn them and wins back much of what cutting the
    /// input into blocks loses. Null = automatic: with more than one thread and a known input
    /// length, <see cref="BlockLayout.AutoPrimeLength"/> and a block size to match (none for a
    /// stream of unknown length); 0 = none (the archive is format version 1 or 2, as before
    /// priming existed). A prefix that leaves a single block is dropped.
    /// </summary>
    public long? PrimeLength { get; init; }

    /// <summary>File name stored in the header (directories are stripped); empty for none.</summary>
    public string Name { get; init; } = "";

    /// <summary>Transform id (0 = none, 1 = x86 CALL/JMP); null = choose from the first bytes of the input.</summary>
    public int? Transform { get; init; }

    /// <summary>Input length when known in advance (enables the stored length and automatic block size).</summary>
    public long? InputLength { get; init; }

    /// <summary>
    /// Bytes the model learns before the input, without coding them (conditional compression: the
    /// archive costs what the input adds to the reference). Null or empty = none (a version-1 archive). The reference is not
    /// stored; the archive records its length and xxHash64 (format version 2, docs/FORMAT.md) and
    /// decodes only with the same bytes (<see cref="Compressor.Decompress(Stream, Stream, ReadOnlyMemory{byte}, int, Action{CodingProgress}?, Mixing.MixerKernel?)"/>).
    /// With several blocks, each block's model learns the whole reference first. The transform
    /// chosen for the input is applied to the reference too, as one block from offset 0.
    /// </summary>
    public ReadOnlyMemory<byte>? Reference { get; init; }
}
