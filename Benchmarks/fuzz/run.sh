#!/usr/bin/env bash
# Builds the fuzz targets (release, libFuzzer + AddressSanitizer) and fuzzes one of them.
#
#     Benchmarks/fuzz/run.sh TARGET SECONDS [libFuzzer options…]
#
# TARGET: FuzzScenario, FuzzDataSet or FuzzLabs. The run starts from the seed corpus (the repository's scenarios/
# folder for FuzzScenario, seeds/TARGET for the others, and scenarios/forecast/ for FuzzLabs) and grows
# corpus/TARGET (not kept in git); a crash, leak, timeout or out-of-memory input is written to artifacts/TARGET/
# and the run stops with a non-zero status. Reproduce one with
#     Benchmarks/fuzz/.build/release/TARGET artifacts/TARGET/crash-…
# The long run the hardening issue asks for is SECONDS = 3600 per target.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: run.sh FuzzScenario|FuzzDataSet|FuzzLabs SECONDS [libFuzzer options]}
seconds=${2:?usage: run.sh TARGET SECONDS}
shift 2
case "$target" in
    FuzzScenario|FuzzDataSet|FuzzLabs) ;;
    *) echo "run.sh: unknown target $target (FuzzScenario, FuzzDataSet, FuzzLabs)" >&2; exit 2 ;;
esac
# Every module instrumented: the readers, Yams and libyaml (C, hence -Xcc). lld links: gold fails on these objects.
swift build -c release --product "$target" -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address \
    -Xswiftc -use-ld=lld
mkdir -p "corpus/$target" "artifacts/$target"
case "$target" in
    FuzzScenario) seeds=(../../scenarios) ;;
    FuzzLabs) seeds=("seeds/$target" ../../scenarios/forecast) ;;   # and the example labs file
    *) seeds=("seeds/$target") ;;
esac
# 64 KiB inputs hold any real scenario; -rss_limit_mb and -timeout make "memory and time bounded on any input"
# a finding when broken (the ASan build roughly doubles memory, so the limit is loose).
exec ".build/release/$target" "corpus/$target" "${seeds[@]}" \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="artifacts/$target/" -print_final_stats=1 "$@"
