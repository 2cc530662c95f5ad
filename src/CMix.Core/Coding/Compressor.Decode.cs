using CMix.Mixing;
using CMix.Prediction;
using CMix.Transforms;
using K4os.Hash.xxHash;

namespace CMix.Coding;

/// <summary><see cref="Compressor"/>'s decoding side: archives back to their bytes, blocks on worker threads.</summary>
public static partial class Compressor
{
    /// <summary>
    /// Decompresses an archive; throws <see cref="CmixFormatException"/> on any damage, after
    /// possibly having written part of the output. Returns the original length.
    /// </summary>
    public static long Decompress(Stream input, Stream output, int threads = 1, Action<CodingProgress>? progress = null, MixerKernel? kernel = null) =>
        Decode(input, output, null, threads, progress, kernel, requireEndOfInput: true);

    /// <summary>
    /// Decompresses an archive made with <see cref="CompressionOptions.Reference"/> =
    /// <paramref name="reference"/>. Before anything is decoded, the archive's recorded reference
    /// length and xxHash64 are checked against <paramref name="reference"/>; a mismatch, or an
    /// archive made without a reference, throws <see cref="CmixFormatException"/> and writes nothing.
    /// </summary>
    public static long Decompress(Stream input, Stream output, ReadOnlyMemory<byte> reference, int threads = 1, Action<CodingProgress>? progress = null, MixerKernel? kernel = null) =>
        Decode(input, output, reference, threads, progress, kernel, requireEndOfInput: true);

    /// <summary>
    /// Decompresses one archive of a concatenation: as <see cref="Decompress(Stream, Stream, int, Action{CodingProgress}?, MixerKernel?)"/>, but it stops right
    /// after the archive's end frame, leaving <paramref name="input"/> positioned at whatever
    /// follows (the next archive, or the end), so a caller can decode <c>cat a.cmix b.cmix</c>
    /// as gzip and xz do. Reads nothing past the end frame.
    /// </summary>
    public static long DecompressMember(Stream input, Stream output, int threads = 1, Action<CodingProgress>? progress = null, MixerKernel? kernel = null) =>
        Decode(input, output, null, threads, progress, kernel, requireEndOfInput: false);

    /// <summary>As <see cref="DecompressMember(Stream, Stream, int, Action{CodingProgress}?, MixerKernel?)"/>, for an archive made with <paramref name="reference"/> (null: one made without).</summary>
    public static long DecompressMember(Stream input, Stream output, ReadOnlyMemory<byte>? reference, int threads = 1, Action<CodingProgress>? progress = null, MixerKernel? kernel = null) =>
        Decode(input, output, reference, threads, progress, kernel, requireEndOfInput: false);

    /// <summary>
    /// Throws unless <paramref name="reference"/> is what <paramref name="header"/> records: none
    /// for none, else the same length and xxHash64. Called before any model is built.
    /// </summary>
    public static void CheckReference(ArchiveHeader header, ReadOnlyMemory<byte>? reference)
    {
        ArgumentNullException.ThrowIfNull(header);
        switch (header.Reference, NoneIfEmpty(reference))
        {
            case (null, null):
                return;
            case (null, _):
                throw new CmixFormatException("the archive was compressed without a reference; decompress it without one");
            case (ReferenceStamp want, null):
                throw new CmixFormatException($"the archive was compressed against a reference ({want}); decompress it with the same reference file");
            case (ReferenceStamp want, ReadOnlyMemory<byte> given):
                var got = ReferenceStamp.Of(given.Span);
                if (got != want)
                {
                    throw new CmixFormatException($"wrong reference: the archive was compressed against {want}, this reference has {got}");
                }

                return;
        }
    }

    private static long Decode(Stream input, Stream output, ReadOnlyMemory<byte>? reference, int threads, Action<CodingProgress>? progress, MixerKernel? kernel, bool requireEndOfInput)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var header = ArchiveHeader.Read(input);
        CheckReference(header, reference);
        reference = NoneIfEmpty(reference);
        var settings = ModelSettings.ForLevel(header.Level, header.InputBits);
        var model = new ModelSource(settings, kernel, Transformed(reference, header.Transform));
        threads = ResolveThreads(threads);
        var hash = new XXH64();
        var report = new ProgressCounter(progress, header.OriginalLength);
        var reader = new FrameReader(input);
        long total = 0;
        long blockStart = 0;
        Predictor? predictor = null;
        var prefix = header.PrimeLength > 0 ? new SharedPrefix((int)header.PrimeLength) : null;
        bool firstRound = true;
        try
        {
            var pending = new List<List<Container.Frame>>();
            long blockRaw = 0;  // raw bytes of the block being collected
            long blockLimit = 0;  // the most the block being collected may hold
            while (true)
            {
                var frame = reader.Next();
                if (frame.Kind == Container.KindEnd)
                {
                    total += DecodeBlocks(pending, model, header.Transform, threads, output, hash, report, prefix, firstRound);
                    pending.Clear();
                    if (frame.EndLength != total)
                    {
                        throw new CmixFormatException($"corrupt archive: trailer says {frame.EndLength} bytes but {total} were decoded");
                    }

                    if (header.OriginalLength is long len && len != total)
                    {
                        throw new CmixFormatException($"corrupt archive: header says {len} bytes but {total} were decoded");
                    }

                    if (frame.EndHash != hash.Digest())
                    {
                        throw new CmixFormatException("corrupt archive: checksum mismatch (xxHash64 of the decoded data differs)");
                    }

                    if (requireEndOfInput && input.ReadByte() != -1)
                    {
                        throw new CmixFormatException("unexpected data after the end of the archive");
                    }

                    output.Flush();
                    return total;
                }

                if (frame.Kind == Container.KindContinue && pending.Count == 0 && predictor is null)
                {
                    throw new CmixFormatException("corrupt archive: first segment does not start a block");
                }

                if (header.BlockSize == 0)
                {
                    // Single stream: decode as frames arrive, one model throughout.
                    if (frame.Kind == Container.KindNewBlock)
                    {
                        predictor?.Dispose();
                        predictor = model.New();
                        blockStart = total;
                    }

                    var buffer = new byte[frame.RawLength];
                    SegmentCoder.Decode(predictor!, frame.Coded, frame.CodedLength, buffer, report.Add);
                    Inverse(header.Transform, buffer, total - blockStart);
                    hash.Update(buffer);
                    output.Write(buffer);
                    total += buffer.Length;
                    continue;
                }

                if (frame.Kind == Container.KindNewBlock)
                {
                    if (pending.Count == threads)
                    {
                        total += DecodeBlocks(pending, model, header.Transform, threads, output, hash, report, prefix, firstRound);
                        pending.Clear();
                        firstRound = false;
                    }

                    // The archive's first block also holds the shared prefix.
                    blockLimit = header.BlockSize + (firstRound && pending.Count == 0 ? header.PrimeLength : 0);
                    pending.Add([]);
                    blockRaw = 0;
                }

                // A block never holds more than the header's block size; checked before its frames
                // pile up in memory (and blocks past MaxBlockSize are refused outright).
                blockRaw += frame.RawLength;
                if (blockRaw > blockLimit || blockRaw > MaxBlockSize)
                {
                    throw new CmixFormatException($"corrupt archive: block holds more than the block size {blockLimit} (at {blockRaw} bytes)");
                }

                pending[^1].Add(frame);
            }
        }
        finally
        {
            predictor?.Dispose();
        }
    }

    /// <summary>
    /// Decodes one round of blocks on up to <paramref name="threads"/> threads. In the first round
    /// (<paramref name="firstRound"/>) block 0 is the archive's first: it learns no prefix and
    /// publishes <paramref name="prefix"/> as it decodes; every other block learns the prefix first.
    /// </summary>
    private static long DecodeBlocks(List<List<Container.Frame>> blocks, ModelSource model, int transform, int threads, Stream output, XXH64 hash, ProgressCounter report, SharedPrefix? prefix, bool firstRound)
    {
        if (blocks.Count == 0)
        {
            return 0;
        }

        var decoded = new byte[blocks.Count][];
        BlockWorkers.Run(blocks.Count, threads, b =>
        {
            bool publishes = firstRound && b == 0 && prefix is not null;
            try
            {
                using var predictor = model.New(firstRound && b == 0 ? null : prefix);
                long size = 0;
                foreach (var f in blocks[b])
                {
                    size += f.RawLength;
                }

                var data = new byte[size];
                int off = 0;
                foreach (var f in blocks[b])
                {
                    // The prefix is the model's bytes, so it is published before Inverse, at every
                    // progress report of the segments that hold it.
                    Action<int> progress = report.Add;
                    if (publishes && off < prefix!.Length)
                    {
                        int done = off;
                        progress = n =>
                        {
                            report.Add(n);
                            done += n;
                            prefix.Publish(data, done);
                        };
                    }

                    SegmentCoder.Decode(predictor, f.Coded, f.CodedLength, data.AsSpan(off, f.RawLength), progress);
                    Inverse(transform, data.AsSpan(off, f.RawLength), off);
                    off += f.RawLength;
                }

                decoded[b] = data;
            }
            finally
            {
                if (publishes)
                {
                    prefix!.Close();
                }
            }
        });

        long total = 0;
        foreach (var data in decoded)
        {
            hash.Update(data);
            output.Write(data);
            total += data.Length;
        }

        return total;
    }

    /// <summary>Reads frames in order, tracking the byte offset for error messages.</summary>
    private sealed class FrameReader(Stream input)
    {
        public long Offset { get; private set; }

        public Container.Frame Next()
        {
            var f = Container.ReadFrame(input, Offset);
            Offset += f.Kind == Container.KindEnd ? Container.EndFrameBytes : Container.SegmentHeaderBytes + f.CodedLength;
            return f;
        }
    }
}
