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

    /// <summary>
    /// File name of the primed archive (format version 3, added at model version 11): the text
    /// input at level 1 in blocks of <see cref="PrimedBlockSize"/> bytes, each block after the
    /// first learning the first <see cref="PrimedPrefixLength"/> bytes (the shared prefix of -T N).
    /// </summary>
    public const string PrimedArchiveFile = "input.l1.primed.cmix";

    /// <summary>Block size of <see cref="PrimedArchiveFile"/>: the 32 KiB input in four blocks (12 + 8 + 8 + 4 KiB).</summary>
    public const int PrimedBlockSize = 8 << 10;

    /// <summary>Shared prefix of <see cref="PrimedArchiveFile"/>.</summary>
    public const int PrimedPrefixLength = 4 << 10;

    /// <summary>Compresses <paramref name="input"/> as <see cref="PrimedArchiveFile"/> is made (two threads; the bytes do not depend on them).</summary>
    public static byte[] CompressPrimed(byte[] input, MixerKernel kernel)
    {
        using var output = new MemoryStream();
        Compressor.Compress(new MemoryStream(input), output,
            new CompressionOptions
            {
                Level = 1, Threads = 2, InputLength = input.Length, Name = "",
                BlockSize = PrimedBlockSize, PrimeLength = PrimedPrefixLength,
            }, null, kernel);
        return output.ToArray();
    }

    /// <summary>Compresses <paramref name="input"/> at <paramref name="level"/> exactly as the golden files are made.</summary>
    public static byte[] Compress(byte[] input, int level, MixerKernel kernel)
    {
        using var output = new MemoryStream();
        Compressor.Compress(new MemoryStream(input), output,
            new CompressionOptions { Level = level, Threads = 1, InputLength = input.Length, Name = "" }, null, kernel);
        return output.ToArray();
    }

    /// <summary>Decompresses <paramref name="archive"/> with <paramref name="kernel"/> on <paramref name="threads"/> threads.</summary>
    public static byte[] Decompress(byte[] archive, MixerKernel kernel, int threads = 1)
    {
        using var output = new MemoryStream();
        Compressor.Decompress(new MemoryStream(archive), output, threads, null, kernel);
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

        byte[] primed = CompressPrimed(input, ScalarMixerKernel.Instance);
        File.WriteAllBytes(Path.Combine(dir, PrimedArchiveFile), primed);
        Console.WriteLine($"wrote {PrimedArchiveFile}: {input.Length} -> {primed.Length} bytes");

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
