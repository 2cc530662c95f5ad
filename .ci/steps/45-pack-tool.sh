#!/usr/bin/env bash
# Packs CMix.Core (with its symbols package) and the cmix dotnet tool into artifacts/pkg, checks
# the library package's metadata, installs the tool from that folder into a temporary tool path
# (the local folder is the only source of cmix; dependencies come from the configured NuGet
# feeds) and round-trips a small file through the installed command. Run from the repository root.
set -euo pipefail

root=$(pwd)
pkg="$root/artifacts/pkg"
work=$(mktemp -d "${TMPDIR:-/tmp}/cmix-ci-pack.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

echo "== pack CMix.Core and the cmix tool into artifacts/pkg"
rm -rf "$pkg"
dotnet pack src/CMix.Core/CMix.Core.csproj -c Release -o "$pkg" -nologo -v:q
dotnet pack src/CMix.Cli/CMix.Cli.csproj -c Release -o "$pkg" -nologo -v:q
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -1)
for f in "CMix.Core.$version.nupkg" "CMix.Core.$version.snupkg" "cmix.$version.nupkg"; do
    [[ -f $pkg/$f ]] || fail "missing $pkg/$f"
done
ls -l "$pkg"

echo "== CMix.Core metadata"
nuspec=$(unzip -p "$pkg/CMix.Core.$version.nupkg" CMix.Core.nuspec)
for want in '<license type="expression">MIT</license>' '<readme>README.md</readme>' '<repository type="git"' '<description>'; do
    grep -qF "$want" <<<"$nuspec" || fail "CMix.Core.nuspec lacks $want"
done
# Listings are read whole first: `unzip | grep -q` would fail under pipefail when grep stops early.
listing=$(unzip -l "$pkg/CMix.Core.$version.nupkg")
grep -qF 'lib/net10.0/CMix.Core.xml' <<<"$listing" || fail "no XML docs in the package"
grep -qF 'README.md' <<<"$listing" || fail "no readme in the package"
symbols=$(unzip -l "$pkg/CMix.Core.$version.snupkg")
grep -qF 'lib/net10.0/CMix.Core.pdb' <<<"$symbols" || fail "no pdb in the symbols package"

echo "== dotnet tool install from artifacts/pkg"
# A private package cache: the global one may hold an older cmix of the same version.
NUGET_PACKAGES="$work/nuget" dotnet tool install --tool-path "$work/tools" --add-source "$pkg" --version "$version" cmix
cmix="$work/tools/cmix"
"$cmix" --version
cat README.md docs/*.md >"$work/sample.txt"
truncate -s 200000 "$work/sample.txt"
"$cmix" -1 "$work/sample.txt"
rm "$work/sample.txt.cmix" && "$cmix" -1 -k "$work/sample.txt"
mv "$work/sample.txt" "$work/orig.txt"
"$cmix" -d "$work/sample.txt.cmix"
cmp "$work/sample.txt" "$work/orig.txt" || fail "installed cmix: round trip differs"
"$cmix" test "$work/sample.txt.cmix"
echo "== a new project using the CMix.Core package from artifacts/pkg (CmixStream round trip)"
app="$work/app"
mkdir -p "$app"
cat >"$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="cmix-local" value="$pkg" /></packageSources></configuration>
XML
cat >"$app/app.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable></PropertyGroup>
  <ItemGroup><PackageReference Include="CMix.Core" Version="$version" /></ItemGroup>
</Project>
XML
cat >"$app/Program.cs" <<'CS'
using System.IO.Compression;
using CMix.Coding;

byte[] data = File.ReadAllBytes(args[0]);
var archive = new MemoryStream();
using (var cmix = new CmixStream(archive, level: 1, leaveOpen: true))
{
    new MemoryStream(data).CopyTo(cmix);
}

var restored = new MemoryStream();
using (var cmix = new CmixStream(new MemoryStream(archive.ToArray()), CompressionMode.Decompress))
{
    cmix.CopyTo(restored);
}

Console.WriteLine($"{data.Length} -> {archive.Length} bytes");
return restored.ToArray().AsSpan().SequenceEqual(data) ? 0 : 1;
CS
# Outside the repository (no Directory.Build.props or central versions of ours apply).
NUGET_PACKAGES="$work/nuget" dotnet run --project "$app/app.csproj" -c Release -- "$work/orig.txt" || fail "CMix.Core package: CmixStream round trip"

echo "45-pack-tool: OK ($(stat -c %s "$work/orig.txt") bytes -> $(stat -c %s "$work/sample.txt.cmix"))"
