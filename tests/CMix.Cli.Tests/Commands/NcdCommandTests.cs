using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace CMix.Cli.Tests.Commands;

public sealed class NcdCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static byte[] Prose(int seed) => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 40).Select(i =>
        $"The {(i * seed) % 11}th traveller rested by the river, and the evening came slowly. ")));

    private static byte[] Noise(int seed)
    {
        var b = new byte[3000];
        new Random(seed).NextBytes(b);
        return b;
    }

    private string[] Files() => [_cli.Write("a.txt", Prose(3)), _cli.Write("b.txt", Prose(7)), _cli.Write("x.bin", Noise(1))];

    [Fact]
    public void TheTableNamesTheNearestFiles()
    {
        var r = _cli.Run(["ncd", "--tree", .. Files()]);
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("NCD(row, column) at level 1, 3 file(s)", r.Text);
        Assert.Matches(@"a\.txt\s+b\.txt \(0\.\d{4}\)", r.Text);
        Assert.Contains("newick:", r.Text);
        Assert.Contains("((a.txt:", r.Text);
    }

    [Fact]
    public void CsvIsASquareMatrixWithASmallDiagonal()
    {
        var r = _cli.Run(["ncd", "--csv", .. Files()]);
        Assert.True(r.Code == 0, r.ToString());
        string[] lines = r.Text.TrimEnd().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal("file,a.txt,b.txt,x.bin", lines[0]);
        var m = lines[1..].Select(l => l.Split(',')[1..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(3, m[i].Length);
            Assert.InRange(m[i][i], 0, 0.1);
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(m[i][j], m[j][i]);  // one order per pair: symmetric
            }
        }

        Assert.True(m[0][1] < m[0][2]);
    }

    [Fact]
    public void JsonParsesAndConditionalMeasuresBothOrders()
    {
        var r = _cli.Run(["ncd", "--json", "--conditional", "-2", .. Files()]);
        Assert.True(r.Code == 0, r.ToString());
        using var doc = JsonDocument.Parse(r.Text);
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("level").GetInt32());
        Assert.True(root.GetProperty("both_orders").GetBoolean());
        Assert.Equal(3, root.GetProperty("files").GetArrayLength());
        Assert.Equal("b.txt", root.GetProperty("files")[0].GetProperty("nearest").GetString());
        var conditional = root.GetProperty("conditional_bits");
        Assert.Equal(3, conditional.GetArrayLength());
        Assert.All(conditional.EnumerateArray(), row => Assert.Equal(3, row.GetArrayLength()));
        Assert.NotEqual(conditional[0][1].GetDouble(), conditional[1][0].GetDouble());
        Assert.EndsWith(";", root.GetProperty("newick").GetString());
    }

    [Fact]
    public void ConditionalTableShowsCostsInBytes()
    {
        var r = _cli.Run(["ncd", "--conditional", .. Files()]);
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("C(column | row) in bytes", r.Text);
    }

    [Fact]
    public void TheSvgIsWellFormedAndOrderedByTheTree()
    {
        string svg = _cli.PathOf("m.svg");
        var r = _cli.Run(["ncd", "-q", "--svg", svg, .. Files()]);
        Assert.True(r.Code == 0, r.ToString());
        var doc = XDocument.Load(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", doc.Root!.Name);
        Assert.Equal(9 + 50 + 1, doc.Descendants(ns + "rect").Count());  // 3 × 3 cells, the legend, the background
        Assert.Contains(doc.Descendants(ns + "title"), t => t.Value.StartsWith("a.txt / b.txt: ", StringComparison.Ordinal));
    }

    [Fact]
    public void AnExistingSvgNeedsForceAndIsLeftAsItWas()
    {
        string svg = _cli.Write("m.svg", [1, 2, 3]);
        var r = _cli.Run(["ncd", "--svg", svg, .. Files()]);
        Assert.Equal(1, r.Code);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(svg));
        Assert.Equal(0, _cli.Run(["ncd", "-f", "--svg", svg, .. Files()]).Code);
        Assert.StartsWith("<?xml", File.ReadAllText(svg));
    }

    [RsvgFact]
    public void TheSvgConvertsToPng()
    {
        string svg = _cli.PathOf("m.svg");
        Assert.Equal(0, _cli.Run(["ncd", "--svg", svg, .. Files()]).Code);
        using var p = Process.Start(new ProcessStartInfo("rsvg-convert", ["-o", _cli.PathOf("m.png"), svg]) { RedirectStandardError = true })!;
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, error);
        byte[] png = File.ReadAllBytes(_cli.PathOf("m.png"));
        Assert.True(png.Length > 1000);
        Assert.Equal((byte)'P', png[1]);
    }

    [Fact]
    public void PrefixReadsTheFirstBytesOnly()
    {
        string[] files = Files();
        var whole = _cli.Run(["ncd", "--json", files[0], files[0]]);
        var cut = _cli.Run(["ncd", "--json", "--prefix", "100", files[0], files[0]]);
        Assert.Equal(100, JsonDocument.Parse(cut.Text).RootElement.GetProperty("files")[0].GetProperty("bytes").GetInt64());
        Assert.NotEqual(whole.Text, cut.Text);
    }

    [Theory]
    [InlineData("ncd")]
    [InlineData("ncd", "-")]
    [InlineData("ncd", "--csv", "--json", "f")]
    [InlineData("ncd", "--level", "0", "f")]
    [InlineData("ncd", "--prefix", "0", "f")]
    public void UsageErrorsExitTwo(params string[] args)
    {
        var r = _cli.Run(args);
        Assert.True(r.Code == 2, r.ToString());
    }

    [Fact]
    public void AMissingFileIsAnError()
    {
        var r = _cli.Run(["ncd", _cli.PathOf("nope")]);
        Assert.Equal(1, r.Code);
        Assert.Contains("no such file", r.Error);
    }
}

/// <summary>A fact that needs rsvg-convert (Debian librsvg2-bin); skipped with a message where it is absent.</summary>
public sealed class RsvgFactAttribute : FactAttribute
{
    public RsvgFactAttribute()
    {
        if (!(Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "rsvg-convert"))))
        {
            Skip = "needs rsvg-convert (apt-get install librsvg2-bin) to check that the SVG renders";
        }
    }
}
