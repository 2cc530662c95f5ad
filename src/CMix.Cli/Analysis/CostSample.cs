namespace CMix.Cli.Analysis;

/// <summary>
/// The bytes and per-byte costs the HTML page shows, in bounded memory: all of an input of at
/// most <see cref="Limit"/> bytes, else its first and its last <see cref="Limit"/>/2 (a ring).
/// </summary>
internal sealed class CostSample
{
    private readonly int _half;
    private readonly byte[] _headBytes;
    private readonly int[] _headCosts;
    private int _head;
    private readonly byte[] _tailBytes;
    private readonly int[] _tailCosts;
    private long _tailSeen;  // bytes offered to the ring

    /// <param name="limit">most bytes kept (≥ 2)</param>
    public CostSample(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 2);
        Limit = limit;
        _half = limit / 2;
        _headBytes = new byte[limit];
        _headCosts = new int[limit];
        _tailBytes = new byte[limit - _half];
        _tailCosts = new int[limit - _half];
    }

    /// <summary>Most bytes kept.</summary>
    public int Limit { get; }

    /// <summary>Bytes seen.</summary>
    public long Length { get; private set; }

    /// <summary>Adds the next bytes and their costs (a <see cref="CMix.Analysis.CostSink"/>).</summary>
    public void Add(long offset, ReadOnlySpan<byte> bytes, ReadOnlySpan<int> costs)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            if (_head < Limit)
            {
                _headBytes[_head] = bytes[i];
                _headCosts[_head++] = costs[i];
            }

            // Everything also passes through the ring, so that the last bytes are known whatever the length.
            int slot = (int)(_tailSeen++ % _tailBytes.Length);
            _tailBytes[slot] = bytes[i];
            _tailCosts[slot] = costs[i];
        }

        Length = offset + bytes.Length;
    }

    /// <summary>The stretches to show: (start position, bytes, costs); one when the input fits, else the head and the tail.</summary>
    public IReadOnlyList<(long Start, byte[] Bytes, int[] Costs)> Parts()
    {
        if (Length <= Limit)
        {
            return [(0, _headBytes[..(int)Length], _headCosts[..(int)Length])];
        }

        int n = _tailBytes.Length;
        var tailBytes = new byte[n];
        var tailCosts = new int[n];
        int first = (int)(_tailSeen % n);
        for (int i = 0; i < n; i++)
        {
            tailBytes[i] = _tailBytes[(first + i) % n];
            tailCosts[i] = _tailCosts[(first + i) % n];
        }

        return [(0, _headBytes[.._half], _headCosts[.._half]), (Length - n, tailBytes, tailCosts)];
    }
}
