namespace CMix.Cli.Tests;

/// <summary>
/// Issue 22 as a shell user meets it: the real cmix and SFX stub processes, with descriptors,
/// pipes, FIFOs, process substitution and terminals set up by bash. Each test names its item.
/// </summary>
public sealed class ShellTests : IDisposable
{
    private readonly ShellHarness _sh = new();

    public void Dispose() => _sh.Dispose();

    /// <summary>Item 1: stdout writes use the shell's shared offset, in the CLI and in the stub.</summary>
    [ShellFact]
    public void StdoutOfConsecutiveRunsAppendsInCliAndStub()
    {
        string stub = _sh.StubApphost();
        var r = _sh.Bash($$"""
            seq 1 5000 > a.txt
            "$CMIX" -1 a.txt
            { "$CMIX" -dc a.txt.cmix; "$CMIX" -dc a.txt.cmix; echo END; } > cli.out
            cat a.txt a.txt > expect; echo END >> expect
            cmp cli.out expect || exit 11
            "$CMIX" sfx -1 a.txt -o stubdir/x.sfx --stub "{{stub}}" -q > /dev/null || exit 12
            { stubdir/x.sfx -c; stubdir/x.sfx -c; echo END; } > sfx.out
            cmp sfx.out expect || exit 13
            """);
        Assert.True(r.Code == 0, $"exit {r.Code}: {r.Stderr}");
    }

    /// <summary>
    /// Item 2 on a real full disk: a 64 KiB tmpfs, filled up; a small output stays in the write
    /// buffer until the final flush fails (ENOSPC), and Dispose fails again. Compress, decompress
    /// and SFX extraction must exit 1 and leave no hidden temporary file. Needs root and mount
    /// (skipped with a message otherwise).
    /// </summary>
    [ShellFact]
    public void FullDiskLeavesNoTemporaryFile()
    {
        string stub = _sh.StubApphost();
        var r = _sh.Bash($$"""
            mkdir full
            if ! mount -t tmpfs -o size=64k tmpfs full 2>/dev/null; then echo "SKIP: cannot mount a tmpfs (needs root)"; exit 0; fi
            trap 'umount full' EXIT
            seq 1 3000 > a.txt
            "$CMIX" -1 a.txt
            "$CMIX" sfx -1 a.txt -o stubdir/x.sfx --stub "{{stub}}" -q > /dev/null
            head -c 1M /dev/zero > full/filler 2>/dev/null
            "$CMIX" -1 -o full/a.cmix a.txt; c1=$?
            "$CMIX" -d -o full/a.txt a.txt.cmix; c2=$?
            (cd full && ../stubdir/x.sfx -q); c3=$?
            echo "codes $c1 $c2 $c3"
            ls -A full
            """);
        Assert.True(r.Code == 0, $"exit {r.Code}: {r.Stdout} {r.Stderr}");
        if (r.Stdout.StartsWith("SKIP", StringComparison.Ordinal))
        {
            return;
        }

        Assert.Contains("codes 1 1 1", r.Stdout);
        Assert.DoesNotContain(".tmp", r.Stdout);
    }

    /// <summary>Item 3: a closed pipe stops the work with a non-zero exit (CLI and stub).</summary>
    [ShellFact]
    public void ClosedPipeStopsWithNonZeroExit()
    {
        string stub = _sh.StubApphost();
        var r = _sh.Bash($$"""
            seq 1 60000 > a.txt
            "$CMIX" -1 a.txt
            "$CMIX" -dc a.txt.cmix | head -c 10 > /dev/null
            cli=${PIPESTATUS[0]}
            "$CMIX" sfx -1 a.txt -o stubdir/x.sfx --stub "{{stub}}" -q > /dev/null
            stubdir/x.sfx -c | head -c 10 > /dev/null
            sfx=${PIPESTATUS[0]}
            echo "$cli $sfx"
            """);
        string[] codes = r.Stdout.Trim().Split(' ');
        Assert.True(codes.Length == 2 && codes[0] != "0" && codes[1] != "0", $"{r.Stdout} {r.Stderr}");
        Assert.Contains("broken pipe", r.Stderr);
    }

    /// <summary>Item 5: pipes, FIFOs and process substitution are read once, as streams; test on a FIFO does not hang.</summary>
    [ShellFact]
    public void NonSeekableInputsWork()
    {
        var r = _sh.Bash("""
            seq 1 3000 > a.txt
            "$CMIX" -1 -c <(cat a.txt) > p.cmix || exit 11
            "$CMIX" -dc <(cat p.cmix) | cmp - a.txt || exit 12
            "$CMIX" test <(cat p.cmix) || exit 13
            "$CMIX" info <(cat p.cmix) | grep -q "^original  *$(wc -c < a.txt) bytes" || exit 14
            mkfifo f1; cat a.txt > f1 & "$CMIX" -1 -c f1 > f.cmix || exit 15; wait
            "$CMIX" -dc f.cmix | cmp - a.txt || exit 16
            mkfifo f2; cat p.cmix > f2 & timeout 30 "$CMIX" test f2 || exit 17; wait
            mkfifo f3; cat p.cmix > f3 & timeout 30 "$CMIX" -d -o out.txt f3 || exit 18; wait
            cmp out.txt a.txt || exit 19
            ls -A | grep -q '\.tmp$' && exit 20
            exit 0
            """, timeoutSeconds: 120);
        Assert.True(r.Code == 0, $"exit {r.Code}: {r.Stderr}");
    }

    /// <summary>Item 6: an unhandled failure (a bad CMIX_KERNEL) is one 'cmix:' line and exit 1, no temporary file.</summary>
    [ShellFact]
    public void BadKernelIsOneLineExitOne()
    {
        var r = _sh.Bash("""
            echo hello > a.txt
            CMIX_KERNEL=bogus "$CMIX" -1 a.txt
            echo "rc=$?"; ls -A
            """);
        Assert.Contains("rc=1", r.Stdout);
        Assert.DoesNotContain(".tmp", r.Stdout);
        Assert.DoesNotContain("a.txt.cmix", r.Stdout);
        string[] lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1 && lines[0].StartsWith("cmix: ", StringComparison.Ordinal) && lines[0].Contains("CMIX_KERNEL"), r.Stderr);
    }

    /// <summary>Item 8: tar -I 'cmix -1' works both ways (cmix -1 -d ignores the level).</summary>
    [ShellFact]
    public void TarWithCmixWorksBothWays()
    {
        var r = _sh.Bash("""
            command -v tar > /dev/null || { echo "no tar"; exit 0; }
            mkdir d; seq 1 2000 > d/x; echo y > d/y
            tar -I "$CMIX -1" -cf d.tar.cmix d || exit 11
            mkdir out; tar -I "$CMIX -1" -xf d.tar.cmix -C out || exit 12
            diff -r d out/d || exit 13
            """);
        Assert.True(r.Code == 0, $"exit {r.Code}: {r.Stderr}");
    }

    /// <summary>Item 14: no ESC[?1h ESC= (keypad transmit) on a terminal; `cmix version` works.</summary>
    [ShellFact]
    public void TerminalGetsNoEscapeSequence()
    {
        var r = _sh.Bash("""
            command -v script > /dev/null || { echo "cmix 0.0 (no script(1); skipped)"; exit 0; }
            TERM=xterm script -qec "$CMIX version" /dev/null > tty.out
            cat tty.out
            if grep -q $'\e' tty.out; then exit 11; fi
            """);
        Assert.True(r.Code == 0, $"exit {r.Code}: {r.Stdout} {r.Stderr}");
        Assert.Contains("cmix ", r.Stdout);
    }
}
