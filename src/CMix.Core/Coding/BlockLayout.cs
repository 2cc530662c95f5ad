namespace CMix.Coding;

/// <summary>
/// How an input is cut into independently modelled blocks: <see cref="BlockSize"/> bytes a block
/// (0: the whole input is one block, one model) and a shared prefix of <see cref="PrimeLength"/>
/// bytes (0: none). With a prefix, the first block holds <c>BlockSize + PrimeLength</c> bytes and
/// every later block's model learns the first block's first <see cref="PrimeLength"/> bytes before
/// coding its own <see cref="BlockSize"/>, so every thread has about the same work and no block
/// starts cold (docs/FORMAT.md, format version 3).
/// </summary>
public readonly record struct BlockLayout(long BlockSize, long PrimeLength)
{
    /// <summary>Granule of an automatic prefix and of the block size that goes with it.</summary>
    public const long PrimeUnit = 64 << 10;

    /// <summary>
    /// Longest automatic prefix: past a few MB a model learns little more from it, and every block
    /// pays for it. On 100 MB at two threads a 4 MiB cap was not measurably faster (within the
    /// run-to-run noise) and 0.22 % larger (docs/EXPERIMENTS.md).
    /// </summary>
    public const long MaxAutoPrimeLength = 8L << 20;

    /// <summary>Longest explicit prefix.</summary>
    public const long MaxPrimeLength = 256L << 20;

    /// <summary>
    /// The automatic prefix adds this fraction (1/12) to the work of every thread: each codes
    /// (N − P) / T bytes and learns or codes P more, and learning a byte costs what coding it
    /// does, so P = N / (12 (T − 1)) makes that N (1 + 1/12) / T and T threads run
    /// T / (1 + 1/12) ≈ 0.92 T times as fast as one, and the later blocks start from a model that
    /// has seen 1/(12 (T − 1)) of the input.
    /// </summary>
    private const int PrimeShareDivisor = 12;

    /// <summary>The layout for <paramref name="options"/> on <paramref name="threads"/> threads (see <see cref="CompressionOptions.BlockSize"/> and <see cref="CompressionOptions.PrimeLength"/>).</summary>
    internal static BlockLayout Resolve(CompressionOptions options, int threads)
    {
        long? prime = options.PrimeLength;
        if (prime is < 0 or > MaxPrimeLength)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "the shared prefix must be between 0 and 256 MiB");
        }

        if (options.BlockSize is long explicitSize)
        {
            if (explicitSize < 0 || explicitSize > Compressor.MaxBlockSize)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "block size must be between 1 byte and 1 GiB (or 0 for one block)");
            }

            long p = explicitSize == 0 ? NoPrefix(prime) : prime ?? 0;
            if (explicitSize + p > Compressor.MaxBlockSize)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "the block size and the shared prefix together must stay within 1 GiB (the first block holds both)");
            }

            // A prefix only serves blocks after the first; an input known to fit the first has none.
            return new BlockLayout(explicitSize, options.InputLength is long n && n <= explicitSize + p ? 0 : p);
        }

        if (threads == 1)
        {
            return new BlockLayout(0, NoPrefix(prime));
        }

        if (options.InputLength is not long length)
        {
            return new BlockLayout(Compressor.DefaultStreamBlockSize, prime ?? 0);
        }

        long share = prime ?? AutoPrimeLength(length, threads);
        if (share > 0)
        {
            // The rest after the prefix, one block per thread in 64 KiB steps; never below 1 MiB.
            long per = (length - share + threads - 1) / threads;
            long block = Math.Clamp((per + PrimeUnit - 1) & ~(PrimeUnit - 1), 1L << 20, Compressor.MaxAutoBlockSize);
            if (length > block + share)
            {
                return new BlockLayout(block, share);
            }
        }

        // No prefix (or one too long for two blocks): one block per thread, rounded up to whole
        // MiB; never below 1 MiB, never above MaxAutoBlockSize (a larger input is coded in rounds
        // of `threads` blocks).
        long even = (length + threads - 1) / threads;
        return new BlockLayout(Math.Clamp((even + (1L << 20) - 1) & ~((1L << 20) - 1), 1L << 20, Compressor.MaxAutoBlockSize), 0);
    }

    /// <summary>The automatic prefix for an input of <paramref name="length"/> bytes on <paramref name="threads"/> threads T: length / (12 (T − 1)), which adds 1/12 to every thread's work (<see cref="PrimeShareDivisor"/>), in whole 64 KiB, at most 8 MiB; none under 64 KiB.</summary>
    public static long AutoPrimeLength(long length, int threads)
    {
        if (threads <= 1 || length <= 0)
        {
            return 0;
        }

        long p = Math.Min(length / ((long)PrimeShareDivisor * (threads - 1)), MaxAutoPrimeLength);
        return p & ~(PrimeUnit - 1);
    }

    private static long NoPrefix(long? prime) => prime is > 0
        ? throw new ArgumentOutOfRangeException(nameof(prime), "a shared prefix needs several blocks (more than one thread, or a block size)")
        : 0;
}
