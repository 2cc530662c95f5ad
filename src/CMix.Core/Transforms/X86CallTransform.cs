using System.Buffers.Binary;

namespace CMix.Transforms;

/// <summary>
/// Reversible E8/E9 transform for x86 code: the 32-bit relative target of a CALL (E8) or JMP
/// (E9) becomes an absolute one, so repeated calls to the same function become repeated byte
/// strings that the context models learn.
/// </summary>
/// <remarks>
/// Only displacements in [-2^24, 2^24) (top byte 0x00 or 0xFF) are converted, into the same
/// range: a' = ((a + pos + 2^24) mod 2^25) - 2^24, where pos is the opcode's offset in the
/// block. The map is a bijection on that range for each pos, and the opcode bytes themselves
/// never change, so the decoder finds the same opcodes and skips the same 4 bytes after each.
/// Operands that would cross the end of the span are left alone. Transform id 1 in the header.
/// </remarks>
public static class X86CallTransform
{
    /// <summary>Header transform id.</summary>
    public const int Id = 1;

    private const int Range = 1 << 24;

    /// <summary>Converts relative targets to absolute in place; <paramref name="offset"/> is the span's position in the block.</summary>
    public static void Encode(Span<byte> data, long offset) => Apply(data, offset, +1);

    /// <summary>Inverts <see cref="Encode"/> in place.</summary>
    public static void Decode(Span<byte> data, long offset) => Apply(data, offset, -1);

    private static void Apply(Span<byte> data, long offset, int sign)
    {
        for (int i = 0; i + 4 < data.Length; i++)
        {
            if ((data[i] & 0xFE) != 0xE8)
            {
                continue;
            }

            int a = BinaryPrimitives.ReadInt32LittleEndian(data[(i + 1)..]);
            if (a >= -Range && a < Range)
            {
                int pos = (int)((offset + i) & (2 * Range - 1));
                int b = ((a + sign * pos + Range) & (2 * Range - 1)) - Range;
                BinaryPrimitives.WriteInt32LittleEndian(data[(i + 1)..], b);
            }

            i += 4;
        }
    }

    /// <summary>Whether the first bytes of an input look like an x86 executable (ELF or PE/MZ).</summary>
    public static bool Detect(ReadOnlySpan<byte> start) =>
        start.StartsWith("\u007FELF"u8) || start.StartsWith("MZ"u8);
}
