using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace CMix.Cli.Tests;

/// <summary><c>cmix analyze</c> end to end: the summary, the three reports, and the refusals.</summary>
public sealed class AnalyzeTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static byte[] Text(int size)
    {
        var sb = new StringBuilder();
        for (int i = 0; sb.Length < size; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p id=\"{i}\">The quick brown fox {i % 17} jumps over the lazy dog. Größe {i * 7 % 101}</p>\n");
        }

        return Encoding.UTF8.GetBytes(sb.ToString())[..size];
    }

    [Fact]
    public void WritesTheSummaryAndEveryReport()
    {
        string input = _cli.Write("page.txt", Text(40_000));
        string csv = _cli.PathOf("r.csv"), svg = _cli.PathOf("r.svg"), html = _cli.PathOf("r.html");
        var r = _cli.Run(["analyze", "-1", input, "--csv", csv, "--svg", svg, "--html", html, "--html-bytes", "8K", "--parts", "16K"]);
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("bits per byte", r.Text);
        Assert.Contains("coded payload", r.Text);
        Assert.Contains("letters", r.Text);
        Assert.Contains("utf8-lead", r.Text);
        Assert.Contains("match from 6 bytes", r.Text);
        Assert.Contains("on the first 16,384 bytes", r.Text);

        // The SVG is well-formed XML with the curve, the strip and the legend.
        var doc = XDocument.Load(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", doc.Root!.Name);
        Assert.Equal(2, doc.Descendants(ns + "polyline").Count());
        Assert.True(doc.Descendants(ns + "rect").Count() > 20);
        Assert.Contains(doc.Descendants(ns + "text"), t => t.Value == "10k");

        string page = File.ReadAllText(html);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("class=\"c0\"", page);
        Assert.Contains("&lt;p id=", page);
        Assert.Contains("its first and its last 4,096 bytes", page);

        string[] rows = File.ReadAllLines(csv);
        Assert.Equal("section,name,start,end,bytes,bits,bits_per_byte,share", rows[0]);
        long windowBytes = rows.Where(l => l.StartsWith("window,", StringComparison.Ordinal)).Sum(l => long.Parse(l.Split(',')[4], CultureInfo.InvariantCulture));
        Assert.Equal(40_000, windowBytes);
        Assert.Equal(3, rows.Count(l => l.StartsWith("part,", StringComparison.Ordinal)));
        Assert.Equal(8, rows.Count(l => l.StartsWith("class,", StringComparison.Ordinal)));
    }

    [Fact]
    public void BinaryInputGetsAHexView()
    {
        byte[] data = [.. Enumerable.Range(0, 6000).Select(i => (byte)(i * 37 % 256 ^ i / 300))];
        string input = _cli.Write("blob.bin", data);
        var r = _cli.Run(["analyze", "-1", "--parts", "0", input, "--html", _cli.PathOf("b.html")]);
        Assert.True(r.Code == 0, r.ToString());
        Assert.DoesNotContain("model parts", r.Text);
        string page = File.ReadAllText(_cli.PathOf("b.html"));
        Assert.Contains("<table class=\"x\">", page);
        Assert.Contains("<td class=\"o\">00000010</td>", page);
    }

    [Fact]
    public void ReadsStandardInput()
    {
        var r = _cli.Run(["analyze", "-1", "--parts", "0"], stdin: Text(3000));
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("(stdin), 3,000 bytes, level 1", r.Text);
    }

    [Fact]
    public void EmptyInputIsFine()
    {
        string input = _cli.Write("empty", []);
        var r = _cli.Run(["analyze", "-1", input, "--svg", _cli.PathOf("e.svg"), "--html", _cli.PathOf("e.html")]);
        Assert.True(r.Code == 0, r.ToString());
        XDocument.Load(_cli.PathOf("e.svg"));
    }

    [Fact]
    public void RefusesToOverwriteWithoutForceAndLeavesNothing()
    {
        string input = _cli.Write("in.txt", Text(2000));
        string svg = _cli.Write("old.svg", [1, 2, 3]);
        var r = _cli.Run(["analyze", "-1", input, "--svg", svg, "--csv", _cli.PathOf("new.csv")]);
        Assert.Equal(1, r.Code);
        Assert.Contains("use -f", r.Error);
        Assert.Equal(["in.txt", "old.svg"], _cli.Files());
        Assert.Equal([1, 2, 3], File.ReadAllBytes(svg));

        r = _cli.Run(["analyze", "-1", "-f", input, "--svg", svg]);
        Assert.True(r.Code == 0, r.ToString());
        XDocument.Load(svg);
    }

    [Fact]
    public void MissingInputIsAnErrorWithNoOutput()
    {
        var r = _cli.Run(["analyze", _cli.PathOf("nope"), "--csv", _cli.PathOf("x.csv")]);
        Assert.Equal(1, r.Code);
        Assert.Contains("no such file", r.Error);
        Assert.Empty(_cli.Files());
    }

    [Theory]
    [InlineData("analyze", "a", "b")]
    [InlineData("analyze", "--level", "0", "a")]
    [InlineData("analyze", "--parts", "lots", "a")]
    [InlineData("analyze", "--html-bytes", "1", "a")]
    [InlineData("analyze", "--csv", "same", "--svg", "same", "a")]
    [InlineData("analyze", "a", "--csv")]
    public void UsageErrorsExitTwo(params string[] args)
    {
        var r = _cli.Run(args);
        Assert.True(r.Code == 2, r.ToString());
        Assert.Empty(_cli.Files());
    }
}
