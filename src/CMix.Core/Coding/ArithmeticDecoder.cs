using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace CMix.Coding;

/// <summary>
/// Decoder for <see cref="ArithmeticEncoder"/>: splits the interval exactly as the encoder did
/// and reads the bit from which side the code value x falls on. Reading past the end of the
/// input yields 0xFF bytes (the encoder's flush relies on it), so a truncated or corrupt input
/// decodes to wrong bits — caught by the length and checksum — but never hangs or throws.
/// </summary>
public sealed class ArithmeticDecoder
{
    private readonly byte[] _in;
    private readonly int _end;
    private int _pos;
    private uint _x1;
    private uint _x2 = 0xFFFFFFFFu;
    private uint _x;

    /// <param name="input">coded bytes</param>
    /// <param name="length">number of valid bytes in <paramref name="input"/></param>
    public ArithmeticDecoder(byte[] input, int length)
    {
        _in = input;
        _end = length;
        for (int i = 0; i < 4; i++)
        {
            _x = (_x << 8) | Next();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Next() => _pos < _end ? _in[_pos++] : 0xFFu;

    /// <summary>Decodes one bit coded with P(1) = <paramref name="p"/> / 65536.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Decode(int p)
    {
        Debug.Assert(p > 0 && p < 65536);
        uint xmid = _x1 + (uint)(((ulong)(_x2 - _x1) * (uint)p) >> 16);
        int y;
        if (_x <= xmid)
        {
            y = 1;
            _x2 = xmid;
        }
        else
        {
            y = 0;
            _x1 = xmid + 1;
        }

        while (((_x1 ^ _x2) & 0xFF000000u) == 0)
        {
            _x1 <<= 8;
            _x2 = (_x2 << 8) | 255;
            _x = (_x << 8) | Next();
        }

        return y;
    }
}
