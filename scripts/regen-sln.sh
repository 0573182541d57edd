#!/usr/bin/env bash
# Rebuilds Transport.sln from every project in the repository (solution files merge badly).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f Transport.sln
dotnet new sln --format sln -n Transport -o . >/dev/null
find core providers hosts tests benchmarks -name '*.csproj' -not -path '*/bin/*' -not -path '*/obj/*' | sort | while read -r p; do
  dotnet sln Transport.sln add "$p" >/dev/null
done
