using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace CMix.Coding;

/// <summary>
/// Carry-less 32-bit binary arithmetic coder (lpaq style). The interval [x1, x2] is split in
/// proportion to the 16-bit probability that the bit is 1; leading bytes are shifted out as
/// soon as x1 and x2 agree on them.
/// </summary>
/// <remarks>
/// Contract: p in [1, 65535] is P(bit = 1) × 65536. After <see cref="Flush"/>, the output
/// followed by any number of 0xFF bytes decodes to the same bits (see <see cref="ArithmeticDecoder"/>).
/// </remarks>
public sealed class ArithmeticEncoder
{
    private uint _x1;
    private uint _x2 = 0xFFFFFFFFu;
    private byte[] _out;
    private int _n;

    /// <param name="capacity">initial output capacity in bytes</param>
    public ArithmeticEncoder(int capacity = 1 << 16)
    {
        _out = new byte[Math.Max(capacity, 16)];
    }

    /// <summary>Bytes written so far.</summary>
    public int Length => _n;

    /// <summary>The coded bytes (valid up to <see cref="Length"/>).</summary>
    public ReadOnlySpan<byte> Output => _out.AsSpan(0, _n);

    /// <summary>Codes bit <paramref name="y"/> with P(1) = <paramref name="p"/> / 65536.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Encode(int y, int p)
    {
        Debug.Assert(p > 0 && p < 65536);
        uint xmid = _x1 + (uint)(((ulong)(_x2 - _x1) * (uint)p) >> 16);
        if (y != 0)
        {
            _x2 = xmid;
        }
        else
        {
            _x1 = xmid + 1;
        }

        while (((_x1 ^ _x2) & 0xFF000000u) == 0)
        {
            Put((byte)(_x2 >> 24));
            _x1 <<= 8;
            _x2 = (_x2 << 8) | 255;
        }
    }

    /// <summary>Writes the last byte; x1's top byte followed by 0xFF padding lies inside the final interval.</summary>
    public void Flush()
    {
        Put((byte)(_x1 >> 24));
    }

    private void Put(byte b)
    {
        if (_n == _out.Length)
        {
            Array.Resize(ref _out, _out.Length * 2);
        }

        _out[_n++] = b;
    }
}
