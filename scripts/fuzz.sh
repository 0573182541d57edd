#!/usr/bin/env bash
# Long fuzzing run of one target with AFL++ (docs/fuzzing.md):
#   scripts/fuzz.sh <target> [seconds]        (default 3600; scripts/fuzz.sh list shows the targets)
# Builds tests/Psrp.Fuzz in Release into .fuzz/bin, instruments the product assemblies with
# SharpFuzz (SharpFuzz.CommandLine 2.3.0, installed into .fuzz/tools), runs afl-fuzz on
# tests/Psrp.Fuzz/Corpus/<target>, then prints executions, crashes and hangs and replays every crash
# and hang uninstrumented. Findings stay in .fuzz/<target>/findings (ignored by git). Needs afl++
# (Debian: apt-get install afl++); the normal tests do not.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

target=${1:?usage: scripts/fuzz.sh <target> [seconds]}
seconds=${2:-3600}
tools="$repo/.fuzz/tools"

if [ "$target" = list ]; then
  dotnet run --project tests/Psrp.Fuzz -c Release -- list
  exit 0
fi

if [ ! -d "tests/Psrp.Fuzz/Corpus/$target" ]; then
  echo "error: no target '$target' (no tests/Psrp.Fuzz/Corpus/$target); try: scripts/fuzz.sh list" >&2
  exit 2
fi

if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "error: afl-fuzz not found; install AFL++ (Debian: apt-get install afl++)" >&2
  exit 1
fi

if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools"
fi

# SharpFuzz instruments in place and an assembly must be instrumented once, so the instrumented build
# in .fuzz/bin is reused only while the sources are unchanged (same commit, same uncommitted diff).
bin="$repo/.fuzz/bin"
stamp="$(git rev-parse HEAD) $(git status --porcelain -- core providers tests/Psrp.Fuzz | sha256sum | cut -c1-16) $(git diff -- core providers tests/Psrp.Fuzz | sha256sum | cut -c1-16)"
if [ ! -f "$bin/.instrumented" ] || [ "$(cat "$bin/.instrumented")" != "$stamp" ]; then
  rm -rf "$bin"
  dotnet build tests/Psrp.Fuzz -c Release -o "$bin" --nologo -v quiet
  for assembly in Psrp.Core.dll Psrp.Providers.WSMan.dll Psrp.Providers.HyperV.dll; do
    "$tools/sharpfuzz" "$bin/$assembly"
  done
  echo "$stamp" > "$bin/.instrumented"
fi

work="$repo/.fuzz/$target"
findings="$work/findings"
rm -rf "$findings"
mkdir -p "$findings"

# The dotnet host is not AFL-instrumented (the forkserver lives in SharpFuzz), hence SKIP_BIN_CHECK.
# A timeout of 2 s per input matches the in-test limit (docs/fuzzing.md).
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
set +e
afl-fuzz -i "tests/Psrp.Fuzz/Corpus/$target" -o "$findings" -t 2000 -m none -V "$seconds" \
  -- dotnet "$bin/Psrp.Fuzz.dll" "$target" > "$work/afl.log" 2>&1
status=$?
set -e
stats="$findings/default/fuzzer_stats"
if [ ! -f "$stats" ]; then
  echo "error: afl-fuzz did not start (exit $status); see $work/afl.log" >&2
  tail -n 30 "$work/afl.log" >&2
  exit 1
fi

get() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
echo "$target: $(get execs_done) executions in $(get run_time) s ($(get execs_per_sec)/s), $(get corpus_count) corpus entries, $(get saved_crashes) crashes, $(get saved_hangs) hangs, edges $(get edges_found)"

# Replay what AFL kept, without instrumentation, to show the exception (or that a hang was only slow).
for kind in crashes hangs; do
  dir="$findings/default/$kind"
  if compgen -G "$dir/id:*" >/dev/null; then
    echo "$kind:"
    dotnet "$bin/Psrp.Fuzz.dll" replay "$target" "$dir" || true
  fi
done
