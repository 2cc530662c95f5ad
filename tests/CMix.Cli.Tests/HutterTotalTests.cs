using CMix.Cli.Commands;

namespace CMix.Cli.Tests;

/// <summary>The Hutter totals of <c>cmix bench --hutter</c>: both forms' arithmetic and the missing-part messages.</summary>
public sealed class HutterTotalTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Both_forms_add_up_as_the_rules_define_them()
    {
        string exe = _cli.Write("cmix", new byte[5000]);
        string zip = _cli.Write("cmix-source.zip", new byte[700]);
        var w = new StringWriter();
        HutterTotal.Report(w, archiveBytes: 100, stubBytes: 2000, exe, zip);
        string text = w.ToString();
        Assert.Contains("S = S1 (compressor: executable, or zip of sources and build files) + S2 (self-extracting archive)", text);
        Assert.Contains("binary form      S = cmix 5000 + SFX (stub 2000 + archive 100 + trailer 24) = 7124 bytes", text);
        Assert.Contains($"source form      S = source zip 700 ({zip}) + archive 100 = 800 bytes", text);
    }

    [Fact]
    public void A_missing_part_is_reported_not_estimated()
    {
        var w = new StringWriter();
        HutterTotal.Report(w, archiveBytes: 100, stubBytes: 0, exe: null, zip: null);
        string text = w.ToString();
        Assert.Contains("binary form      not computed: this cmix is not a NativeAOT single file", text);
        Assert.Contains("source form      not computed", text);
        Assert.Contains("tools/source-zip.sh", text);

        w = new StringWriter();
        HutterTotal.Report(w, archiveBytes: 100, stubBytes: 0, exe: _cli.Write("cmix", [1]), zip: null);
        Assert.Contains("binary form      not computed: no SFX stub", w.ToString());
    }

    [Fact]
    public void Bench_prints_the_totals()
    {
        string input = _cli.Write("in.txt", System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("hutter ", 500))));
        string stub = _cli.Write("stub.bin", new byte[1234]);
        var r = _cli.Run(["bench", "--hutter", input, "-1", "--stub", stub]);
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("total (S)", r.Text);
        Assert.Contains("hutter total", r.Text);
        Assert.Contains("source form", r.Text);
    }
}
