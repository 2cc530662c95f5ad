using CMix.Coding;
using CMix.Models;
using CMix.Prediction;
using CMix.Transforms;

namespace CMix.Analysis;

/// <summary>
/// Where the bits go: runs the predictor that compresses over an input, as
/// <see cref="Compressor.Compress(Stream, Stream, CompressionOptions, Action{CodingProgress}?, Mixing.MixerKernel?)"/>
/// does with one thread (one block, 4 MiB segments, the same transform), and reports the exact cost
/// of every byte: the sum over its 8 bits of −log2 of the 16-bit probability the coder is given for
/// the bit that came (<see cref="Numerics.Ilog"/>, integer, in units of 2^-16 bit).
/// </summary>
/// <remarks>
/// <para>
/// The costs sum to the archive's coded payload within the arithmetic coder's own loss (32-bit
/// interval, one flushed byte per segment); the summary carries the payload of the same pass, so
/// a reader can see the agreement. Memory: one predictor of the level, plus two 4 MiB buffers
/// (three with a transform); the input is streamed.
/// </para>
/// <para>
/// <see cref="MeasureParts"/> gives each part's share by ablation: the prefix is coded again once
/// per part with that part's mixer inputs set to 0 (<see cref="MutedInputs"/>; the part still runs
/// and feeds the selectors, SSE stages and text contexts that read it), and the share is the cost
/// that adds. That is what the part's inputs are worth to this model on this data; the mixer's
/// weights would say how loud a part is, not how much it saves.
/// </para>
/// </remarks>
public static class CostAnalyzer
{
    /// <summary>Analyses <paramref name="input"/> at <paramref name="level"/>, handing each segment's bytes and costs to <paramref name="sink"/>.</summary>
    /// <param name="input">the bytes to analyse, read to the end</param>
    /// <param name="level">compression level 1..9</param>
    /// <param name="sink">receives the costs in input order</param>
    /// <param name="progress">called every 64 KiB with the bytes done (and <paramref name="inputLength"/> as the total)</param>
    /// <param name="inputLength">the input's length when known: for progress, and it sizes the tables as a single-threaded compression of that input would (unknown: the level's full tables)</param>
    public static CostSummary Analyze(Stream input, int level, CostSink sink, Action<CodingProgress>? progress = null, long? inputLength = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sink);
        var settings = ModelSettings.ForLevel(level, Compressor.ResolveInputBits(inputLength, blockSize: 0));
        using var predictor = new Predictor(settings);
        var buffer = new byte[Container.SegmentSize];
        var costs = new int[Container.SegmentSize];
        byte[]? original = null;
        int transform = -1;
        long total = 0, cost = 0, coded = 0;
        int segments = 0;
        long done = 0;
        Action<int>? report = progress is null ? null : n =>
        {
            done += n;
            progress(new CodingProgress(done, inputLength));
        };

        int read;
        while ((read = StreamUtil.ReadAtMost(input, buffer)) > 0)
        {
            Span<byte> data = buffer.AsSpan(0, read);
            if (transform < 0)
            {
                transform = DetectTransform(data);
            }

            ReadOnlySpan<byte> shown = data;
            if (transform != 0)
            {
                original ??= new byte[Container.SegmentSize];
                data.CopyTo(original);
                shown = original.AsSpan(0, read);
                Compressor.Forward(transform, data, total);
            }

            var enc = SegmentCoder.Measure(predictor, data, costs, report);
            ReadOnlySpan<int> segmentCosts = costs.AsSpan(0, read);
            foreach (int c in segmentCosts)
            {
                cost += c;
            }

            sink(total, shown, segmentCosts);
            coded += enc.Length;
            segments++;
            total += read;
        }

        return new CostSummary(settings.Level, total, cost, coded, segments, Math.Max(transform, 0));
    }

    /// <summary>The parts of <paramref name="level"/>, in table order, as <see cref="PartCost.Name"/> names them.</summary>
    public static IReadOnlyList<string> PartNames(int level)
    {
        PartSpec[] parts = ModelSettings.ForLevel(level).Parts;
        var names = new string[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            names[i] = Describe(parts[i]);
        }

        return names;
    }

    /// <summary>
    /// Each part's share of <paramref name="prefix"/> (the start of an input, as
    /// <see cref="Analyze"/> would see it): one pass with every part, then one per part with its
    /// inputs silenced. Costs (parts + 1) compressions of the prefix; memory: one predictor at a time.
    /// </summary>
    /// <param name="prefix">the first bytes of the input (the transform is chosen from them as for the whole input)</param>
    /// <param name="level">compression level 1..9</param>
    /// <param name="progress">called every 64 KiB with the bytes done over all passes, and their total</param>
    /// <param name="inputLength">the whole input's length when known, which sizes the tables as in <see cref="Analyze"/> (else the prefix's)</param>
    public static IReadOnlyList<PartCost> MeasureParts(ReadOnlySpan<byte> prefix, int level, Action<CodingProgress>? progress = null, long? inputLength = null)
    {
        var settings = ModelSettings.ForLevel(level, ModelSettings.InputBitsFor(inputLength ?? prefix.Length));
        PartSpec[] parts = settings.Parts;
        long all = (long)prefix.Length * (parts.Length + 1);
        long done = 0;
        Action<int>? report = progress is null ? null : n =>
        {
            done += n;
            progress(new CodingProgress(done, all));
        };

        long baseline = PrefixCost(prefix, settings, report);
        var result = new PartCost[parts.Length];
        for (int k = 0; k < parts.Length; k++)
        {
            PartSpec[] muted = [.. parts[..(k + 1)], new MutedInputs.Spec(parts[k].Inputs), .. parts[(k + 1)..]];
            long without = PrefixCost(prefix, settings with { Parts = muted }, report);
            result[k] = new PartCost(Describe(parts[k]), parts[k].Inputs, baseline, without);
        }

        return result;
    }

    /// <summary>The cost of <paramref name="prefix"/> under <paramref name="settings"/>, segment by segment as <see cref="Analyze"/> codes it.</summary>
    private static long PrefixCost(ReadOnlySpan<byte> prefix, ModelSettings settings, Action<int>? report)
    {
        using var predictor = new Predictor(settings);
        int transform = DetectTransform(prefix);
        var buffer = new byte[Math.Min(prefix.Length, Container.SegmentSize)];
        var costs = new int[buffer.Length];
        long cost = 0;
        for (int off = 0; off < prefix.Length; off += buffer.Length)
        {
            int n = Math.Min(buffer.Length, prefix.Length - off);
            Span<byte> data = buffer.AsSpan(0, n);
            prefix.Slice(off, n).CopyTo(data);
            Compressor.Forward(transform, data, off);
            SegmentCoder.Measure(predictor, data, costs, report);
            foreach (int c in costs.AsSpan(0, n))
            {
                cost += c;
            }
        }

        return cost;
    }

    /// <summary>The transform <see cref="Compressor"/> chooses for an input that starts with <paramref name="start"/>.</summary>
    private static int DetectTransform(ReadOnlySpan<byte> start) =>
        X86CallTransform.Detect(start[..Math.Min(start.Length, Compressor.TransformPeekBytes)]) ? X86CallTransform.Id : 0;

    private static string Describe(PartSpec part) => part switch
    {
        ContextModel.Spec c => $"contexts ({c.Count} hashed)",
        MatchModel.Spec m => $"match from {m.MinLength} bytes",
        DirectModel.Spec d => $"direct order {string.Join(",", d.Orders)}",
        DmcModel.Spec => "dmc",
        _ => part.GetType().Name,
    };
}
