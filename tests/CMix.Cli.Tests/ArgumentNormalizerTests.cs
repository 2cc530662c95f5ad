namespace CMix.Cli.Tests;

public sealed class ArgumentNormalizerTests
{
    [Theory]
    [InlineData("f", "compress -- f")]
    [InlineData("-9 f", "compress --level 9 -- f")]
    [InlineData("-9kf f", "compress --level 9 --keep --force -- f")]
    [InlineData("-dc f.cmix", "decompress --stdout -- f.cmix")]
    [InlineData("-d -k f.cmix", "decompress --keep -- f.cmix")]
    [InlineData("-t f.cmix", "test -- f.cmix")]
    [InlineData("-T4 f", "compress --threads 4 -- f")]
    [InlineData("-T 4 f", "compress --threads 4 -- f")]
    [InlineData("-o -9 f", "compress --output -9 -- f")]
    [InlineData("-cofile f", "compress --stdout --output file -- f")]
    [InlineData("--output -d f", "compress --output -d -- f")]
    [InlineData("decompress -d f.cmix", "decompress -- f.cmix")]
    [InlineData("info", "info")]
    [InlineData("sfx -9 in -o out", "sfx --level 9 --output out -- in")]
    [InlineData("analyze -2 f --svg s.svg --csv c.csv -qf", "analyze --level 2 --svg s.svg --csv c.csv --quiet --force -- f")]
    [InlineData("analyze -c -T 2 f", "analyze -- f")]
    [InlineData("-- -d", "compress -- -d")]
    [InlineData("- -1", "compress --level 1 -- -")]
    [InlineData("help sfx", "sfx --help")]
    [InlineData("-h", "compress --help")]
    [InlineData("", "compress")]
    // Issue 22, item 8: another verb's option is ignored (tar -I 'cmix -1' -xf runs cmix -1 -d).
    [InlineData("-1 -d", "decompress")]
    [InlineData("-d -9 f.cmix", "decompress -- f.cmix")]
    [InlineData("test -9 -c -k f.cmix", "test -- f.cmix")]
    // Item 9: the last of a repeated option wins; counters repeat; --best/--fast.
    [InlineData("-1 -9 f", "compress --level 9 -- f")]
    [InlineData("-T2 -T 3 f", "compress --threads 3 -- f")]
    [InlineData("-vv f", "compress --verbose --verbose -- f")]
    [InlineData("--best f", "compress --level 9 -- f")]
    [InlineData("--fast f", "compress --level 1 -- f")]
    [InlineData("--level=3 f", "compress --level 3 -- f")]
    // Items 12 and 14: list mode and the version verb.
    [InlineData("-l a.cmix", "list -- a.cmix")]
    [InlineData("--list --json a.cmix", "list --json -- a.cmix")]
    [InlineData("version", "--version")]
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
    [InlineData("-1 f -o")]
    [InlineData("-c a -T")]
    [InlineData("-o")]
    [InlineData("--memory")]
    public void ContradictionsAreErrors(string input)
    {
        Assert.Null(ArgumentNormalizer.Normalize(input.Split(' '), out string? error));
        Assert.NotNull(error);
    }
}
