using CMix.Prediction;

namespace CMix.Coding;

/// <summary>
/// The shared prefix of a primed archive (format version 3, docs/FORMAT.md): the first
/// <see cref="Length"/> bytes of the first block as its model codes them (after the transform),
/// which every later block's model learns before its own bytes. The encoder has them whole before
/// any block is coded. The decoder gets them from the first block's decoder as it produces them,
/// <see cref="Publish"/>ed every progress report (64 KiB), so the other blocks learn just behind
/// it instead of waiting for the whole first block.
/// </summary>
/// <remarks>
/// No deadlock: block jobs start in block order, so the first block's decoder is running (or done)
/// before any block waits here, and it never waits on another block. It calls <see cref="Close"/>
/// when it ends, however it ends, so a damaged first block fails its waiters instead of hanging them.
/// </remarks>
internal sealed class SharedPrefix
{
    private readonly byte[] _bytes;
    private readonly object _gate = new();
    private int _published;
    private bool _closed;

    /// <summary>A prefix that the first block's decoder will fill.</summary>
    public SharedPrefix(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        _bytes = new byte[length];
    }

    /// <summary>A prefix known whole (the encoder's): its model bytes, <paramref name="bytes"/> owned from now on.</summary>
    public SharedPrefix(byte[] bytes)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bytes.Length);
        _bytes = bytes;
        _published = bytes.Length;
        _closed = true;
    }

    /// <summary>Bytes in the prefix.</summary>
    public int Length => _bytes.Length;

    /// <summary>
    /// The first block's decoder has final model bytes <paramref name="block"/>[0..<paramref name="end"/>):
    /// copies the part of them inside the prefix that is new and wakes the waiters.
    /// </summary>
    public void Publish(ReadOnlySpan<byte> block, int end)
    {
        int from = Volatile.Read(ref _published);
        int to = Math.Min(end, _bytes.Length);
        if (to <= from)
        {
            return;
        }

        block[from..to].CopyTo(_bytes.AsSpan(from));
        if (!BlockWorkers.ParallelBlocks)
        {
            // Blocks run one after another (the SFX stub): nobody waits, and with this branch the
            // trimmer drops Monitor's wait and pulse code (4,176 bytes of the stub, docs/CLI.md).
            _published = to;
            return;
        }

        lock (_gate)
        {
            _published = to;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The first block's decoder has ended: nothing more will be published.</summary>
    public void Close()
    {
        if (!BlockWorkers.ParallelBlocks)
        {
            _closed = true;
            return;
        }

        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Makes <paramref name="predictor"/> learn the whole prefix, a published piece at a time
    /// (learning in pieces leaves the model as one call would: <see cref="Priming.Learn"/> keeps
    /// no state between calls). Throws <see cref="CmixFormatException"/> when the first block
    /// ended short of the prefix.
    /// </summary>
    public void LearnInto(Predictor predictor)
    {
        int at = 0;
        while (at < _bytes.Length)
        {
            int available;
            if (!BlockWorkers.ParallelBlocks)
            {
                // The first block was decoded whole before this one started.
                available = _published;
            }
            else
            {
                lock (_gate)
                {
                    while (_published == at && !_closed)
                    {
                        Monitor.Wait(_gate);
                    }

                    available = _published;
                }
            }

            if (available == at)
            {
                throw new CmixFormatException($"corrupt archive: the first block ended before the {_bytes.Length}-byte shared prefix the other blocks learn (at {at} bytes)");
            }

            predictor.Learn(_bytes.AsSpan(at, available - at));
            at = available;
        }
    }
}
