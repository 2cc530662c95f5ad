using CMix.Mixing;
using CMix.Prediction;
using CMix.Transforms;
using K4os.Hash.xxHash;

namespace CMix.Coding;

/// <summary>
/// The public entry point: compresses a stream into a CMix archive and back. Output is written
/// as it is produced; callers that must not leave partial files write to a temporary file and
/// rename it when the call returns (decompression throws before returning if anything fails
/// verification).
/// </summary>
public static partial class Compressor
{
    /// <summary>Automatic block size when the input length is unknown and threads &gt; 1.</summary>
    public const long DefaultStreamBlockSize = 64L << 20;

    /// <summary>
    /// Largest block: a block is held whole in memory (once read, once coded) by one thread, so
    /// memory is bounded by threads × this whatever the input size, and it stays far inside .NET's
    /// array limit.
    /// </summary>
    public const long MaxBlockSize = 1L << 30;

    /// <summary>Largest block the automatic choice makes (one block per thread, up to this).</summary>
    public const long MaxAutoBlockSize = 256L << 20;

    /// <summary>Bytes at the start of the input that choose the transform (<see cref="X86CallTransform.Detect"/>).</summary>
    internal const int TransformPeekBytes = 4096;

    /// <summary>Compresses <paramref name="input"/> to <paramref name="output"/>; returns the original length.</summary>
    public static long Compress(Stream input, Stream output, CompressionOptions options, Action<CodingProgress>? progress = null, MixerKernel? kernel = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        int threads = ResolveThreads(options.Threads);
        var layout = BlockLayout.Resolve(options, threads);
        long blockSize = layout.BlockSize;
        ReadOnlyMemory<byte>? reference = NoneIfEmpty(options.Reference);
        var settings = ModelSettings.ForLevel(options.Level, ResolveInputBits(options.InputLength, blockSize, (reference?.Length ?? 0) + layout.PrimeLength));

        // Peek at the start of the input to choose the transform, then read on from the peeked bytes.
        var peek = new byte[TransformPeekBytes];
        int peeked = StreamUtil.ReadAtMost(input, peek);
        int transform = options.Transform ?? (X86CallTransform.Detect(peek.AsSpan(0, peeked)) ? X86CallTransform.Id : 0);
        if (transform != 0 && transform != X86CallTransform.Id)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"unknown transform id {transform}");
        }

        input = new PrefixedStream(peek.AsMemory(0, peeked), input);
        ReferenceStamp? stamp = reference is ReadOnlyMemory<byte> r ? ReferenceStamp.Of(r.Span) : null;
        var model = new ModelSource(settings, kernel, Transformed(reference, transform));
        var header = new ArchiveHeader
        {
            FormatVersion = ArchiveHeader.VersionFor(stamp, layout.PrimeLength),
            Level = settings.Level,
            ModelVersion = ModelSettings.ModelVersion,
            Transform = transform,
            InputBits = settings.InputBits,
            BlockSize = blockSize,
            OriginalLength = options.InputLength,
            Name = Path.GetFileName(options.Name ?? ""),
            Reference = stamp,
            PrimeLength = layout.PrimeLength,
        };
        output.Write(header.ToBytes());

        var hash = new XXH64();
        var report = new ProgressCounter(progress, options.InputLength);
        long total = blockSize == 0
            ? CompressStream(input, output, model, transform, hash, report)
            : CompressBlocks(input, output, model, transform, layout, threads, hash, report);

        if (options.InputLength is long expected && expected != total)
        {
            throw new IOException($"input length changed while compressing: expected {expected} bytes, read {total}");
        }

        Container.WriteEnd(output, total, hash.Digest());
        output.Flush();
        return total;
    }

    /// <summary>Applies the forward transform to one segment at <paramref name="offset"/> in its block (also the cost analysis's, which must see the coded bytes).</summary>
    internal static void Forward(int transform, Span<byte> segment, long offset)
    {
        if (transform == X86CallTransform.Id)
        {
            X86CallTransform.Encode(segment, offset);
        }
    }

    /// <summary>Undoes <see cref="Forward"/>.</summary>
    private static void Inverse(int transform, Span<byte> segment, long offset)
    {
        if (transform == X86CallTransform.Id)
        {
            X86CallTransform.Decode(segment, offset);
        }
    }

    /// <summary>
    /// Null for an empty reference: it teaches nothing, and a null <c>byte[]</c> converts to an
    /// empty <see cref="ReadOnlyMemory{T}"/>, which must not turn a plain archive into a reference one.
    /// </summary>
    private static ReadOnlyMemory<byte>? NoneIfEmpty(ReadOnlyMemory<byte>? reference) => reference is { IsEmpty: false } ? reference : null;

    /// <summary>The reference as the model learns it: through the transform the input gets (one block from offset 0).</summary>
    private static ReadOnlyMemory<byte>? Transformed(ReadOnlyMemory<byte>? reference, int transform)
    {
        if (reference is not ReadOnlyMemory<byte> r || transform == 0)
        {
            return reference;
        }

        byte[] copy = r.ToArray();
        Forward(transform, copy, 0);
        return copy;
    }

    /// <summary>
    /// How every block's model is made: built from the settings, then taught the (transformed)
    /// reference, then, for every block after the archive's first, the shared prefix.
    /// </summary>
    private sealed class ModelSource(ModelSettings settings, MixerKernel? kernel, ReadOnlyMemory<byte>? reference)
    {
        public Predictor New(SharedPrefix? prefix = null)
        {
            var predictor = new Predictor(settings, kernel);
            try
            {
                if (reference is ReadOnlyMemory<byte> r)
                {
                    predictor.Learn(r.Span);
                }

                prefix?.LearnInto(predictor);
                return predictor;
            }
            catch
            {
                predictor.Dispose();
                throw;
            }
        }
    }

    private static long CompressStream(Stream input, Stream output, ModelSource model, int transform, XXH64 hash, ProgressCounter report)
    {
        using var predictor = model.New();
        var buffer = new byte[Container.SegmentSize];
        long total = 0;
        bool first = true;
        int n;
        while ((n = StreamUtil.ReadAtMost(input, buffer)) > 0)
        {
            hash.Update(buffer.AsSpan(0, n));
            Forward(transform, buffer.AsSpan(0, n), total);
            var enc = SegmentCoder.Encode(predictor, buffer.AsSpan(0, n), report.Add);
            Container.WriteSegment(output, first ? Container.KindNewBlock : Container.KindContinue, n, enc.Output);
            first = false;
            total += n;
        }

        return total;
    }

    private static long CompressBlocks(Stream input, Stream output, ModelSource model, int transform, BlockLayout layout, int threads, XXH64 hash, ProgressCounter report)
    {
        long total = 0;
        SharedPrefix? prefix = null;
        for (bool firstRound = true; ; firstRound = false)
        {
            // One round: up to `threads` blocks read, compressed in parallel, written in order. The
            // archive's first block also holds the shared prefix, which every block after it learns.
            var blocks = new List<byte[]>();
            bool ended = false;
            for (int t = 0; t < threads && !ended; t++)
            {
                bool archiveFirst = firstRound && t == 0;
                long size = layout.BlockSize + (archiveFirst ? layout.PrimeLength : 0);
                byte[] block = ReadBlock(input, size);
                ended = block.Length < size;
                if (block.Length == 0)
                {
                    break;
                }

                hash.Update(block);
                blocks.Add(block);
                total += block.Length;
                if (archiveFirst && layout.PrimeLength > 0 && block.Length > layout.PrimeLength)
                {
                    prefix = new SharedPrefix(ModelBytes(block.AsSpan(0, (int)layout.PrimeLength), transform));
                }
            }

            if (blocks.Count == 0)
            {
                return total;
            }

            var coded = new List<(int Raw, ArithmeticEncoder Enc)>[blocks.Count];
            BlockWorkers.Run(blocks.Count, threads, b =>
            {
                using var predictor = model.New(firstRound && b == 0 ? null : prefix);
                var segments = new List<(int, ArithmeticEncoder)>();
                byte[] data = blocks[b];
                for (int off = 0; off < data.Length; off += Container.SegmentSize)
                {
                    int len = Math.Min(Container.SegmentSize, data.Length - off);
                    Forward(transform, data.AsSpan(off, len), off);
                    segments.Add((len, SegmentCoder.Encode(predictor, data.AsSpan(off, len), report.Add)));
                }

                coded[b] = segments;
            });

            foreach (var segments in coded)
            {
                for (int s = 0; s < segments.Count; s++)
                {
                    Container.WriteSegment(output, s == 0 ? Container.KindNewBlock : Container.KindContinue, segments[s].Raw, segments[s].Enc.Output);
                }
            }

            if (ended)
            {
                return total;
            }
        }
    }

    /// <summary>A copy of the first block's first bytes as its model codes them: through the transform, segment by segment.</summary>
    private static byte[] ModelBytes(ReadOnlySpan<byte> start, int transform)
    {
        byte[] copy = start.ToArray();
        for (int off = 0; off < copy.Length; off += Container.SegmentSize)
        {
            Forward(transform, copy.AsSpan(off, Math.Min(Container.SegmentSize, copy.Length - off)), off);
        }

        return copy;
    }

    private static byte[] ReadBlock(Stream input, long blockSize)
    {
        var buffer = new byte[blockSize];
        int n = StreamUtil.ReadAtMost(input, buffer);
        if (n < buffer.Length)
        {
            Array.Resize(ref buffer, n);
        }

        return buffer;
    }

    /// <summary>Reads the header and, when <paramref name="scanFrames"/>, walks every frame (without decoding) to count blocks and read the trailer.</summary>
    public static ArchiveInfo Inspect(Stream input, bool scanFrames)
    {
        var header = ArchiveHeader.Read(input);
        if (!scanFrames)
        {
            return new ArchiveInfo { Header = header };
        }

        var reader = new FrameReader(input);
        int blocks = 0, segments = 0;
        long raw = 0;
        while (true)
        {
            var f = reader.Next();
            if (f.Kind == Container.KindEnd)
            {
                if (f.EndLength != raw)
                {
                    throw new CmixFormatException($"corrupt archive: trailer says {f.EndLength} bytes but the segments hold {raw}");
                }

                return new ArchiveInfo
                {
                    Header = header,
                    Blocks = blocks,
                    Segments = segments,
                    OriginalLength = f.EndLength,
                    Checksum = f.EndHash,
                    ArchiveLength = header.ToBytes().Length + reader.Offset,
                };
            }

            blocks += f.Kind == Container.KindNewBlock ? 1 : 0;
            segments++;
            raw += f.RawLength;
        }
    }

    /// <summary>
    /// Estimated peak memory in bytes for compressing or decompressing at a level with some
    /// threads, the tables sized for the input class <paramref name="inputBits"/> (0: the level's
    /// full tables, the most any input of that level needs).
    /// </summary>
    public static long EstimateMemory(int level, int threads, long blockSize, int inputBits = 0)
    {
        var settings = ModelSettings.ForLevel(level, inputBits);
        threads = ResolveThreads(threads);
        long perThread = settings.EstimatedBytes + (blockSize > 0 ? 2 * blockSize : 2L * Container.SegmentSize);
        return perThread * threads + (32L << 20);
    }

    /// <summary>The mixer kernel in use and why it was chosen.</summary>
    public static (string Kernel, string Reason) KernelInfo => (MixerKernels.Current.Name, MixerKernels.Reason);

    /// <summary>
    /// The input class <see cref="Compress(Stream, Stream, CompressionOptions, Action{CodingProgress}?, MixerKernel?)"/>
    /// sizes the tables for (and stores in the header): that of the largest block, which is the
    /// input when it is one block of known length, at most the block size when there are
    /// several (each block's length is known: the block size, the last shorter), and 0 (the
    /// level's full tables) for one block of unknown length.
    /// </summary>
    public static int ResolveInputBits(long? inputLength, long blockSize) => ResolveInputBits(inputLength, blockSize, 0);

    /// <summary>
    /// As <see cref="ResolveInputBits(long?, long)"/> for a model that first learns a reference of
    /// <paramref name="referenceLength"/> bytes: every block's model sees the reference and then
    /// the block, so the tables are sized for both.
    /// </summary>
    public static int ResolveInputBits(long? inputLength, long blockSize, long referenceLength)
    {
        long? largest = blockSize == 0 ? inputLength : Math.Min(blockSize, inputLength ?? blockSize);
        return ModelSettings.InputBitsFor(largest + referenceLength);
    }

    internal static int ResolveThreads(int threads) =>
        threads < 0 ? throw new ArgumentOutOfRangeException(nameof(threads), "threads must be ≥ 0") :
        threads == 0 ? Environment.ProcessorCount : threads;

    /// <summary>
    /// The blocks <see cref="Compress(Stream, Stream, CompressionOptions, Action{CodingProgress}?, MixerKernel?)"/>
    /// will cut these options' input into (<see cref="BlockLayout"/>): the explicit block size,
    /// else one block with one thread, else one block per thread (after the automatic shared
    /// prefix, in 64 KiB steps; without a prefix in whole MiB; at least 1 MiB, at most
    /// <see cref="MaxAutoBlockSize"/>), or <see cref="DefaultStreamBlockSize"/> when the input
    /// length is unknown.
    /// </summary>
    public static BlockLayout ResolveLayout(CompressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return BlockLayout.Resolve(options, ResolveThreads(options.Threads));
    }

    /// <summary>The block size of <see cref="ResolveLayout"/> (0: one block).</summary>
    public static long ResolveBlockSize(CompressionOptions options) => ResolveLayout(options).BlockSize;

    /// <summary>Thread-safe progress accumulator.</summary>
    private sealed class ProgressCounter(Action<CodingProgress>? sink, long? total)
    {
        private long _done;

        public void Add(int bytes)
        {
            if (sink is null || bytes == 0)
            {
                return;
            }

            long done = Interlocked.Add(ref _done, bytes);
            sink(new CodingProgress(done, total));
        }
    }
}
