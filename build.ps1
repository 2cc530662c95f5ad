#!/usr/bin/env pwsh
<#
.SYNOPSIS
    CMix build entry point: thin and strict. Plain `dotnet build` / `dotnet test` always work too.

.DESCRIPTION
    Targets:
      build            dotnet build CMix.sln -c Release
      test             dotnet test CMix.sln -c Release (the README's test command)
      bench            full BenchmarkDotNet run (benchmarks/CMix.Benchmarks, default job) and the
                       corpus benchmark with the issue-2 acceptance check (benchmarks/CMix.CorpusBench)
      publish          dotnet publish src/CMix.Cli -c Release -r RID (AOT settings live in the csproj)
                       into artifacts/publish/RID
      native           the optional CUDA mixer: native/cuda/build.sh, when present
      hutter FILE      `cmix bench --hutter FILE` with the published binary (publishes first if needed)
      ci               bash .ci/run (what CI runs)

    Arguments after the target (and FILE for hutter) are passed on to the tool the target runs,
    e.g. `dotnet pwsh build.ps1 bench --levels 1,6,9`.

.EXAMPLE
    dotnet tool restore; dotnet pwsh build.ps1 test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'test', 'bench', 'publish', 'native', 'hutter', 'ci')]
    [string] $Target = 'build',

    [Parameter(Position = 1)]
    [string] $File,

    [string] $Configuration = 'Release',

    [string] $Runtime = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier,

    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]] $Rest = @()
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
# Exit codes are checked explicitly by Invoke-Checked, with the command in the message.
$PSNativeCommandUseErrorActionPreference = $false
Set-Location -LiteralPath $PSScriptRoot

# Only hutter takes FILE; for the other targets a second positional argument belongs to the tool.
if ($Target -ne 'hutter' -and -not [string]::IsNullOrEmpty($File)) {
    $Rest = @($File) + $Rest
}

$PublishDir = Join-Path $PSScriptRoot "artifacts/publish/$Runtime"

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

function Invoke-Publish {
    Invoke-Checked dotnet (@('publish', 'src/CMix.Cli', '-c', $Configuration, '-r', $Runtime, '-o', $PublishDir) + $Rest)
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
        Invoke-Publish
    }

    Invoke-Checked $exe (@('bench', '--hutter', (Resolve-Path -LiteralPath $File).Path) + $Rest)
}

switch ($Target) {
    'build' { Invoke-Build }
    'test' { Invoke-Test }
    'bench' { Invoke-Bench }
    'publish' { Invoke-Publish }
    'native' { Invoke-Native }
    'hutter' { Invoke-Hutter }
    'ci' { Invoke-Checked bash @('.ci/run') }
}
