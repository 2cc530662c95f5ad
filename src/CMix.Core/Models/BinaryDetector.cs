using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace CMix.Models;

/// <summary>
/// Tells machine code and binary tables from text, byte by byte, so the context hasher can give
/// the word-model slots contexts that mean something in each. Text of any script has almost no
/// control bytes; executables, tar headers and binary records have many (0x00 above all).
/// </summary>
/// <remarks>
/// The score is a moving average of "control byte" (below 32 except tab, newline and carriage
/// return, or 127) over about the last 64 bytes (short, so a tar header's
/// NUL padding stops counting soon after the text that follows it starts), in 16-bit fixed point: score ≈ 65536 × share.
/// The input is binary while more than an eighth of those bytes are control bytes. Integer
/// arithmetic on bytes already coded, so encoder and decoder switch at the same byte.
/// </remarks>
public sealed class BinaryDetector
{
    /// <summary>Score above which the input counts as binary (a share of 1/8).</summary>
    public const int Threshold = 65536 / 8;

    private int _score;

    /// <summary>A copy of this detector (<c>Predictor.Clone</c>).</summary>
    internal BinaryDetector Clone() => new() { _score = _score };

    /// <summary>The moving share of control bytes in 16-bit fixed point, 0..65536.</summary>
    public int Score => _score;

    /// <summary>Whether the recent bytes look binary.</summary>
    public bool IsBinary => _score > Threshold;

    /// <summary>Counts byte <paramref name="c"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(int c)
    {
        Debug.Assert(c >= 0 && c < 256);
        int control = (c < 32 && c != '\t' && c != '\n' && c != '\r') || c == 127 ? 1 : 0;
        _score += (control << 10) - (_score >> 6);
        Debug.Assert(_score >= 0 && _score <= 65536);
    }
}
