#!/usr/bin/env pwsh
<#
.SYNOPSIS
    CMix build entry point: thin and strict. Plain `dotnet build` / `dotnet test` always work too.

.DESCRIPTION
    Targets (no target, or help: this list):
      help             print the targets
      build            dotnet build CMix.sln -c Release
      test             dotnet test CMix.sln -c Release (the README's test command)
      bench            full BenchmarkDotNet run (benchmarks/CMix.Benchmarks, default job) and the
                       corpus benchmark with the issue-2 acceptance check (benchmarks/CMix.CorpusBench)
      publish          the NativeAOT cmix and, beside it, the SFX stub cmix-sfx and the source zip
                       cmix-source.zip, into artifacts/publish/RID: `cmix sfx` and
                       `cmix bench --hutter` work from there with no further setup
      pack             NuGet packages into artifacts/pkg: CMix.Core (+ .snupkg symbols) and the
                       cmix dotnet tool
      native           the optional CUDA mixer: native/cuda/build.sh, when present
      hutter FILE      `cmix bench --hutter FILE ARGS` with the published cmix (publishes first
                       if needed); ARGS go to cmix, e.g. `hutter enwik8 -9`
      ci               bash .ci/run (what CI runs)

    Arguments after the target (and FILE for hutter) are passed on to the tool the target runs,
    unchanged, e.g. `dotnet pwsh build.ps1 bench --levels 1,6,9` or
    `dotnet pwsh build.ps1 hutter enwik8 -9 -T 1`. Options of this script come first:
    `build.ps1 -Configuration Debug -Runtime linux-arm64 publish`.

.EXAMPLE
    dotnet tool restore; dotnet pwsh build.ps1 test

.EXAMPLE
    dotnet pwsh build.ps1 publish; artifacts/publish/linux-x64/cmix sfx big.txt -o big.sfx
#>
# No param() block on purpose: PowerShell would bind the tools' arguments to this script's
# parameters (`-T 2` to -Target, `-d` to -Debug). Every argument arrives in $args untouched:
#   build.ps1 [-Configuration C] [-Runtime RID] [TARGET] [FILE (hutter)] [ARGS for the tool...]

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
# Exit codes are checked explicitly by Invoke-Checked, with the command in the message.
$PSNativeCommandUseErrorActionPreference = $false
Set-Location -LiteralPath $PSScriptRoot

$Targets = @('help', 'build', 'test', 'bench', 'publish', 'pack', 'native', 'hutter', 'ci')
$Configuration = 'Release'
$Runtime = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
$Rest = [System.Collections.Generic.List[string]]::new()
foreach ($a in $args) { $Rest.Add([string]$a) }

# Leading options of this script, then the target, then (hutter only) FILE; the rest is the tool's.
while ($Rest.Count -ge 2 -and $Rest[0] -in @('-Configuration', '-Runtime')) {
    if ($Rest[0] -eq '-Configuration') { $Configuration = $Rest[1] } else { $Runtime = $Rest[1] }
    $Rest.RemoveRange(0, 2)
}

$Target = 'help'
if ($Rest.Count -gt 0) {
    $Target = $Rest[0]
    $Rest.RemoveAt(0)
}

if ($Target -notin $Targets) {
    Write-Error "build.ps1: unknown target '$Target'; targets: $($Targets -join ', ') (dotnet pwsh build.ps1 help)"
}

$File = $null
if ($Target -eq 'hutter' -and $Rest.Count -gt 0) {
    $File = $Rest[0]
    $Rest.RemoveAt(0)
}

if ($Rest.Count -gt 0 -and $Rest[0] -eq '--') {
    $Rest.RemoveAt(0)  # an optional separator before the tool's arguments
}

$Rest = [string[]]$Rest.ToArray()

$PublishDir = Join-Path $PSScriptRoot "artifacts/publish/$Runtime"
$PackageDir = Join-Path $PSScriptRoot 'artifacts/pkg'

function Invoke-Checked {
    param(
        [Parameter(Mandatory)] [string] $Command,
        [string[]] $Arguments = @()
    )

    Write-Host "> $Command $($Arguments -join ' ')" -ForegroundColor Cyan
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE"
    }
}

function Invoke-Build {
    Invoke-Checked dotnet (@('build', 'CMix.sln', '-c', $Configuration) + $Rest)
}

function Invoke-Test {
    Invoke-Checked dotnet (@('test', 'CMix.sln', '-c', $Configuration) + $Rest)
}

function Invoke-Bench {
    Invoke-Checked dotnet @('run', '-c', $Configuration, '--project', 'benchmarks/CMix.Benchmarks', '--', '--filter', '*', '--exporters', 'markdown', 'csv')
    Invoke-Checked dotnet (@('run', '-c', $Configuration, '--project', 'benchmarks/CMix.CorpusBench', '--', '--acceptance') + $Rest)
}

# Prints the .DESCRIPTION block of the help comment above (one list of targets, kept in one place).
function Show-Help {
    $text = Get-Content -LiteralPath $PSCommandPath -Raw
    $start = $text.IndexOf('.DESCRIPTION') + '.DESCRIPTION'.Length
    $end = $text.IndexOf('.EXAMPLE', $start)
    Write-Host 'usage: dotnet pwsh build.ps1 [TARGET] [ARGS...]'
    Write-Host $text.Substring($start, $end - $start).TrimEnd()
}

# NativeAOT cmix; the project's publish target adds the SFX stub beside it (CMix.Cli.csproj).
function Invoke-Publish {
    param([string[]] $Arguments = @())

    Invoke-Checked dotnet (@('publish', 'src/CMix.Cli/CMix.Cli.csproj', '-c', $Configuration, '-r', $Runtime, '-p:PublishAot=true', '-o', $PublishDir) + $Arguments)
    foreach ($name in @('cmix', 'cmix-sfx')) {
        $path = Join-Path $PublishDir ($IsWindows ? "$name.exe" : $name)
        if (-not (Test-Path -LiteralPath $path)) {
            throw "publish: $path was not produced"
        }
    }

    Invoke-Checked bash @('tools/source-zip.sh', (Join-Path $PublishDir 'cmix-source.zip'))
}

function Invoke-Pack {
    foreach ($project in @('src/CMix.Core/CMix.Core.csproj', 'src/CMix.Cli/CMix.Cli.csproj')) {
        Invoke-Checked dotnet (@('pack', $project, '-c', $Configuration, '-o', $PackageDir) + $Rest)
    }

    Get-ChildItem -LiteralPath $PackageDir | ForEach-Object { Write-Host "$($_.Name)  $($_.Length) bytes" }
}

function Invoke-Native {
    $script = Join-Path $PSScriptRoot 'native/cuda/build.sh'
    if (-not (Test-Path -LiteralPath $script)) {
        Write-Host "native: $script does not exist yet; nothing to build"
        return
    }

    Invoke-Checked bash (@($script) + $Rest)
}

function Invoke-Hutter {
    if ([string]::IsNullOrEmpty($File)) {
        throw "usage: build.ps1 hutter FILE (e.g. enwik8)"
    }

    if (-not (Test-Path -LiteralPath $File -PathType Leaf)) {
        throw "hutter: no such file: $File"
    }

    $exe = Join-Path $PublishDir ($IsWindows ? 'cmix.exe' : 'cmix')
    if (-not (Test-Path -LiteralPath $exe)) {
        Invoke-Publish  # without $Rest: those arguments are cmix's
    }

    Invoke-Checked $exe (@('bench', '--hutter', (Resolve-Path -LiteralPath $File).Path) + $Rest)
}

switch ($Target) {
    'help' { Show-Help }
    'build' { Invoke-Build }
    'test' { Invoke-Test }
    'bench' { Invoke-Bench }
    'publish' { Invoke-Publish -Arguments $Rest }
    'pack' { Invoke-Pack }
    'native' { Invoke-Native }
    'hutter' { Invoke-Hutter }
    'ci' { Invoke-Checked bash @('.ci/run') }
}
