#!/usr/bin/env bash
# The source form of the Hutter total's compressor (S1): a zip of the compressor's and the
# decompressor's sources and the files that build them, from the committed tree (HEAD), at the
# strongest deflate setting. Build from the unpacked zip with the publish command in README.
#   bash tools/source-zip.sh [OUT]     # default OUT: artifacts/cmix-source.zip
# `cmix bench --hutter` counts it when it lies beside cmix or CMIX_SOURCE_ZIP names it;
# `dotnet pwsh build.ps1 publish` puts one beside the published cmix.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${1:-artifacts/cmix-source.zip}
mkdir -p "$(dirname "$out")"
# Contents: the three projects (library, cmix, SFX stub), the shared build settings, licence.
# Not tests, benchmarks, docs or the optional CUDA library: nothing the build of cmix needs.
paths=(src/CMix.Core src/CMix.Cli src/CMix.Sfx Directory.Build.props Directory.Packages.props global.json LICENSE)
git archive --format=zip -9 -o "$out" HEAD -- "${paths[@]}"
printf '%s: %d bytes (%s at %s)\n' "$out" "$(stat -c %s "$out")" "${paths[*]}" "$(git rev-parse --short HEAD)"
