#!/usr/bin/env bash
# Times `hpgsim events` on the 1000-individual × 28-day benchmark data set, as a whole process
# (read, check, simulate, write), release build, on every core (`--threads`, default all; the output is the same
# bytes on any number). Prints wall and CPU seconds per run; add --threads 1 to the command for one core.
# usage: Benchmarks/events/run.sh [RUNS]   (from the repository root)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$root/Benchmarks/events/make_dataset.py" "$work/data.csv" 1000
swift build -c release --product hpgsim --package-path "$root" 1>&2
for run in $(seq "${1:-3}"); do
  /usr/bin/time -f "run $run: %e s wall, %U s user, %S s system, %M KB max RSS" \
    "$root/.build/release/hpgsim" events "$work/data.csv" --model pk1cmt-depot -o "$work/out.csv"
done
echo "rows written: $(($(wc -l < "$work/out.csv") - 1))"
