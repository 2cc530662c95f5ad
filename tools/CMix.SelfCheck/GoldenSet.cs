using CMix.Coding;
using CMix.Mixing;

namespace CMix.SelfCheck;

/// <summary>
/// The golden archives: <see cref="InputFile"/> (the output of <see cref="GoldenInput.Generate"/>)
/// compressed at each of <see cref="Levels"/> with the scalar reference kernel, one file each
/// (<c>input.l{level}.cmix</c>). Every kernel on every architecture must reproduce them byte for
/// byte and decode them. They change whenever the model changes: regenerate with
/// <c>dotnet run --project tools/CMix.SelfCheck -c Release -- --write-golden tests/data/golden</c>.
/// </summary>
public static class GoldenSet
{
    /// <summary>Name of the uncompressed input inside the golden folder.</summary>
    public const string InputFile = "input.txt";

    /// <summary>
    /// The levels archived: the fastest (single-layer mixer, no SSE), a middle one, and the
    /// strongest (every model, the text model and all 11 mixer selectors; since model version 5).
    /// </summary>
    public static IReadOnlyList<int> Levels { get; } = [1, 6, 9];

    /// <summary>File name of the archive for <paramref name="level"/>.</summary>
    public static string ArchiveFile(int level) => $"input.l{level}.cmix";

    /// <summary>Name of the binary input (<see cref="GoldenInput.GenerateBinary"/>: ELF header, E8/E9 calls, control bytes).</summary>
    public const string BinaryInputFile = "binary.bin";

    /// <summary>Levels archived for the binary input (added at model version 10; the x86 transform is on).</summary>
    public static IReadOnlyList<int> BinaryLevels { get; } = [1, 6];

    /// <summary>File name of the binary input's archive for <paramref name="level"/>.</summary>
    public static string BinaryArchiveFile(int level) => $"binary.l{level}.cmix";

    /// <summary>Compresses <paramref name="input"/> at <paramref name="level"/> exactly as the golden files are made.</summary>
    public static byte[] Compress(byte[] input, int level, MixerKernel kernel)
    {
        using var output = new MemoryStream();
        Compressor.Compress(new MemoryStream(input), output,
            new CompressionOptions { Level = level, Threads = 1, InputLength = input.Length, Name = "" }, null, kernel);
        return output.ToArray();
    }

    /// <summary>Decompresses <paramref name="archive"/> with <paramref name="kernel"/>.</summary>
    public static byte[] Decompress(byte[] archive, MixerKernel kernel)
    {
        using var output = new MemoryStream();
        Compressor.Decompress(new MemoryStream(archive), output, 1, null, kernel);
        return output.ToArray();
    }

    /// <summary>Writes the input and every archive (made with the scalar reference) into <paramref name="dir"/>.</summary>
    public static void Write(string dir)
    {
        Directory.CreateDirectory(dir);
        byte[] input = GoldenInput.Generate();
        File.WriteAllBytes(Path.Combine(dir, InputFile), input);
        foreach (int level in Levels)
        {
            byte[] archive = Compress(input, level, ScalarMixerKernel.Instance);
            File.WriteAllBytes(Path.Combine(dir, ArchiveFile(level)), archive);
            Console.WriteLine($"wrote {ArchiveFile(level)}: {input.Length} -> {archive.Length} bytes");
        }

        WriteBinary(dir);
    }

    /// <summary>Writes only the binary input and its archives into <paramref name="dir"/> (the text goldens are left alone).</summary>
    public static void WriteBinary(string dir)
    {
        Directory.CreateDirectory(dir);
        byte[] binary = GoldenInput.GenerateBinary();
        File.WriteAllBytes(Path.Combine(dir, BinaryInputFile), binary);
        foreach (int level in BinaryLevels)
        {
            byte[] archive = Compress(binary, level, ScalarMixerKernel.Instance);
            File.WriteAllBytes(Path.Combine(dir, BinaryArchiveFile(level)), archive);
            Console.WriteLine($"wrote {BinaryArchiveFile(level)}: {binary.Length} -> {archive.Length} bytes");
        }
    }
}
