namespace CMix.Cli.Tests;

public sealed class ArgumentNormalizerTests
{
    [Theory]
    [InlineData("f", "compress f")]
    [InlineData("-9 f", "compress --level 9 f")]
    [InlineData("-9kf f", "compress --level 9 -k -f f")]
    [InlineData("-dc f.cmix", "decompress -c f.cmix")]
    [InlineData("-d -k f.cmix", "decompress -k f.cmix")]
    [InlineData("-t f.cmix", "test f.cmix")]
    [InlineData("-T4 f", "compress -T 4 f")]
    [InlineData("-T 4 f", "compress -T 4 f")]
    [InlineData("-o -9 f", "compress -o -9 f")]
    [InlineData("-cofile f", "compress -c -o file f")]
    [InlineData("--output -d f", "compress --output -d f")]
    [InlineData("decompress -d f.cmix", "decompress f.cmix")]
    [InlineData("info", "info")]
    [InlineData("sfx -9 in -o out", "sfx --level 9 in -o out")]
    [InlineData("-- -d", "compress -- -d")]
    [InlineData("- -1", "compress - --level 1")]
    [InlineData("help sfx", "sfx --help")]
    [InlineData("-h", "--help")]
    [InlineData("", "compress")]
    public void RewritesToExplicitVerbForm(string input, string expected)
    {
        string[] args = input.Length == 0 ? [] : input.Split(' ');
        string[]? result = ArgumentNormalizer.Normalize(args, out string? error);
        Assert.Null(error);
        Assert.Equal(expected, string.Join(' ', result!));
    }

    [Theory]
    [InlineData("compress -d f")]
    [InlineData("-d -t f")]
    [InlineData("info -d")]
    public void ContradictionsAreErrors(string input)
    {
        Assert.Null(ArgumentNormalizer.Normalize(input.Split(' '), out string? error));
        Assert.NotNull(error);
    }
}
