#!/usr/bin/env bash
# Runs every test project in the solution (Release). Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Transport.sln -c Release --nologo -v quiet
dotnet test Transport.sln -c Release --no-build --nologo "$@"
