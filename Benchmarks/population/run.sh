#!/usr/bin/env bash
# Times `hpgsim population` as a whole process (read, sample, simulate, write the shard, merge, write the
# results): anastrozole 1 mg twice weekly for 180 days, daily output, N virtual men, T threads, release build.
# Prints wall and CPU seconds, peak memory, men per second, men per second per CPU-second (per core busy),
# and the solver's mean steps per man (the solver_steps column of men.csv).
# usage: Benchmarks/population/run.sh [N] [THREADS] [RTOL] [METHOD] [SCENARIO]   (from the repository root;
# default 10000 2, the model's tolerance and method, scenarios/populations/anastrozole-1mg-twice-weekly.yaml;
# an empty RTOL is the model's). METHOD runs a copy of the scenario with `simulation.method: METHOD`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
men=${1:-10000} threads=${2:-2} rtol=${3:-} method=${4:-}
scenario=${5:-$root/scenarios/populations/anastrozole-1mg-twice-weekly.yaml}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -n "$method" ]; then
  sed "s/^  output_every: \(.*\)$/  output_every: \1\n  method: $method/" "$scenario" > "$work/scenario.yaml"
  scenario="$work/scenario.yaml"
fi
swift build -c release --product hpgsim --package-path "$root" 1>&2
/usr/bin/time -f "%e %U %S %M" -o "$work/time" "$root/.build/release/hpgsim" population \
  "$scenario" --n "$men" --seed 1 --threads "$threads" \
  ${rtol:+--rtol "$rtol"} -o "$work/out" > /dev/null
read -r wall user system rss < "$work/time"
awk -v men="$men" -v threads="$threads" -v wall="$wall" -v user="$user" -v sys="$system" -v rss="$rss" -F, '
  { sub(/\r$/, "") }
  NR == 1 { for (i = 1; i <= NF; i++) if ($i == "solver_steps") col = i; next }
  { steps += $col; rows++ }
  END {
    cpu = user + sys
    printf "%d men, %d threads: %.2f s wall, %.2f s CPU, %.0f MB peak RSS\n", men, threads, wall, cpu, rss / 1024
    printf "%.1f men/s; %.1f men per CPU-second; %.0f solver steps per man (%d men simulated)\n", men / wall, men / cpu, steps / rows, rows
  }' "$work/out/men.csv"
