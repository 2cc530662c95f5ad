using System.Diagnostics;
using CMix.Cli.Docs;

namespace CMix.Cli.Tests.Docs;

/// <summary>
/// docs/cmix.1 and docs/cmix.bash are generated from the option classes the parser uses; the
/// committed files must equal the generator's output. After changing an option, regenerate:
/// <c>cmix __docs man &gt; docs/cmix.1; cmix __docs bash &gt; docs/cmix.bash</c>.
/// </summary>
public sealed class GeneratedDocsTests
{
    private const string Regenerate = "regenerate: dotnet run -c Release --project src/CMix.Cli -- __docs man > docs/cmix.1 (and __docs bash > docs/cmix.bash)";

    [Fact]
    public void ManPageIsTheGeneratedOne()
    {
        string committed = File.ReadAllText(Path.Combine(HabitsTests.RepositoryRoot(), "docs", "cmix.1"));
        Assert.True(committed == ManPage.Generate(), "docs/cmix.1 is stale; " + Regenerate);
    }

    [Fact]
    public void BashCompletionIsTheGeneratedOne()
    {
        string committed = File.ReadAllText(Path.Combine(HabitsTests.RepositoryRoot(), "docs", "cmix.bash"));
        Assert.True(committed == BashCompletion.Generate(), "docs/cmix.bash is stale; " + Regenerate);
    }

    [Fact]
    public void GeneratedFilesNameEveryOptionOfEveryVerb()
    {
        string man = ManPage.Generate();
        string bash = BashCompletion.Generate();
        foreach (var verb in CommandLine.Verbs.Where(v => !v.Hidden))
        {
            Assert.Contains(".SS " + verb.Name, man);
            foreach (var option in verb.Options)
            {
                Assert.Contains("\\-\\-" + option.Long.Replace("-", "\\-"), man);
                Assert.Contains("--" + option.Long, bash);
            }
        }

        Assert.DoesNotContain(".B __docs", man);  // the hidden verb is not documented as a verb
    }

    [Fact]
    public void TheHiddenVerbPrintsThemAndBashAcceptsTheScript()
    {
        using var cli = new CliHarness();
        var man = cli.Run(["__docs", "man"]);
        Assert.Equal(0, man.Code);
        Assert.Equal(ManPage.Generate(), man.Text);
        var bash = cli.Run(["__docs", "bash"]);
        Assert.Equal(BashCompletion.Generate(), bash.Text);
        if (OperatingSystem.IsWindows() || !File.Exists("/bin/bash"))
        {
            return;
        }

        string script = cli.Write("cmix.bash", System.Text.Encoding.UTF8.GetBytes(bash.Text));
        using var p = Process.Start(new ProcessStartInfo("bash", ["-c", $". '{script}'; COMP_WORDS=(cmix -d --th); COMP_CWORD=2; _cmix; echo \"${{COMPREPLY[*]}}\""])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, p.StandardError.ReadToEnd());
        Assert.Equal("--threads", output.Trim());
    }
}
