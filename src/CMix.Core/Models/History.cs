using System.Diagnostics;
using System.Runtime.CompilerServices;
using CMix.Memory;

namespace CMix.Models;

/// <summary>
/// The bytes coded so far in the current block, in a circular buffer, plus the last bytes packed
/// into integers for cheap context hashing. Models read it; only the predictor writes it.
/// </summary>
/// <remarks>
/// Memory: the buffer (2^bits bytes), native and zeroed on first touch, so a short input costs only
/// the pages it fills; released by <see cref="Dispose"/> or the block's finaliser.
/// </remarks>
public sealed unsafe class History : IDisposable
{
    private readonly NativeBlock _block;
    private byte* _buf;
    private readonly int _mask;

    /// <param name="bits">log2 of the buffer size, in [16, 31)</param>
    /// <param name="startPosition">position of the first byte; tests start near 2^32 to exercise 64-bit positions without gigabytes of input</param>
    public History(int bits, long startPosition = 0)
    {
        Debug.Assert(startPosition >= 0);
        Position = startPosition;
        Debug.Assert(bits >= 16 && bits < 31);
        _block = LargeTable.Alloc((nuint)1 << bits);
        _buf = _block.Pointer;
        _mask = (1 << bits) - 1;
    }

    private History(History source)
    {
        _block = LargeTable.Copy(source._block);
        _buf = _block.Pointer;
        _mask = source._mask;
        Position = source.Position;
        C4 = source.C4;
        C8 = source.C8;
    }

    /// <summary>A copy of this history in its own buffer (<c>Predictor.Clone</c>).</summary>
    internal History Clone() => new(this);

    /// <summary>Position of the next byte: bytes appended so far, plus the start position (64-bit: blocks may exceed 4 GB).</summary>
    public long Position { get; private set; }

    /// <summary>The last four bytes, most recent in the low byte.</summary>
    public uint C4 { get; private set; }

    /// <summary>The four bytes before <see cref="C4"/>.</summary>
    public uint C8 { get; private set; }

    /// <summary>Buffer size in bytes.</summary>
    public int Size => _mask + 1;

    /// <summary>Appends one coded byte.</summary>
    public void Add(int c)
    {
        _buf[(int)Position & _mask] = (byte)c;
        Position++;
        C8 = (C8 << 8) | (C4 >> 24);
        C4 = (C4 << 8) | (uint)c;
    }

    /// <summary>The byte <paramref name="back"/> positions before the next one (1 = last byte), or 0 before the start.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Back(int back) => back <= Position ? _buf[(int)(Position - back) & _mask] : 0;

    /// <summary>The byte at absolute position <paramref name="pos"/> (must be within the buffer's reach).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int At(long pos) => _buf[(int)pos & _mask];

    /// <summary>Frees the buffer; the history must not be used after.</summary>
    public void Dispose()
    {
        _buf = null;
        _block.Dispose();
    }
}
