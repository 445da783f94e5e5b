#!/usr/bin/env bash
# Instruction-level profile of one solver case: where a solve of PROBLEM with METHOD spends its instructions.
#
#     Benchmarks/profile.sh PROBLEM METHOD [RTOL] [LINES]      e.g. Benchmarks/profile.sh pollution bdf 1e-6
#
# Runs `hpgsim bench solvers` (release build) under valgrind's callgrind, counting only inside ODE.solve, and
# prints the functions with the most instructions of their own, then those with the most including callees.
# Instruction counts do not depend on the machine's load, so two profiles compare even on a busy machine.
# Valgrind 3.19 cannot read the DWARF 5 debug information swiftc writes, so the binary is profiled from a
# copy without it (symbols stay; source lines are lost).
set -euo pipefail
if [[ $# -lt 2 ]]; then
    echo "usage: $0 PROBLEM METHOD [RTOL] [LINES]" >&2
    exit 2
fi
problem=$1 method=$2 rtol=${3:-1e-6} lines=${4:-25}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --product hpgsim --package-path "$root" >&2
objcopy --strip-debug "$root/.build/release/hpgsim" "$work/hpgsim"
solve_symbol=$(nm "$work/hpgsim" | awk '$2 == "T" && $3 ~ /^\$s3ODE5solve_6method7options5jumps/ {print $3}' | head -1)
valgrind --tool=callgrind --callgrind-out-file="$work/profile" --toggle-collect="$solve_symbol" \
    "$work/hpgsim" bench solvers --problem "$problem" --method "$method" --rtol "$rtol" --repeats 5 \
    > /dev/null 2> "$work/valgrind.log" || { cat "$work/valgrind.log" >&2; exit 1; }
for inclusive in no yes; do
    echo "== instructions by function ($([[ $inclusive == no ]] && echo own || echo 'including callees'))"
    callgrind_annotate --inclusive=$inclusive "$work/profile" \
        | sed -n '/file:function/,$p' | sed 1,2d | head -"$lines" | sed 's/ \[[^]]*\]$//' | cut -c1-200
done
