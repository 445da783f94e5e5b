#!/usr/bin/env bash
# A virtual population on a Slurm cluster: one array job with K shards, then a merge job that starts when every
# shard has succeeded (--dependency=afterok). The merged folder is byte for byte what one
# `hpgsim population` run writes.
#
#   scripts/slurm-population.sh K N SEED OUTDIR SCENARIO...
#   scripts/slurm-population.sh 20 100000 1 /scratch/pop scenarios/populations/*.yaml
#
# OUTDIR must be on a file system every node sees. Environment: HPGSIM (the binary; default
# .build/release/hpgsim of this checkout), CPUS (cores per shard, default 2), SBATCH_OPTIONS (extra sbatch
# options, e.g. "--partition=short --time=01:00:00").
set -euo pipefail
if [ $# -lt 5 ]; then
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
shards=$1 men=$2 seed=$3 out=$4
shift 4
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
hpgsim=${HPGSIM:-$root/.build/release/hpgsim}
cpus=${CPUS:-2}
[ -x "$hpgsim" ] || { echo "no hpgsim binary at $hpgsim (swift build -c release, or set HPGSIM)" >&2; exit 1; }
mkdir -p "$out/logs"
scenarios=$(printf '%q ' "$@")
# shellcheck disable=SC2086
array=$(sbatch --parsable ${SBATCH_OPTIONS:-} --job-name=hpgsim-population --array="1-$shards" \
    --cpus-per-task="$cpus" --output="$out/logs/shard-%a.log" \
    --wrap="$(printf '%q' "$hpgsim") population $scenarios --n $men --seed $seed --threads $cpus \
--shard \${SLURM_ARRAY_TASK_ID}/$shards -o $(printf '%q' "$out")/shard-\${SLURM_ARRAY_TASK_ID}")
# shellcheck disable=SC2086
merge=$(sbatch --parsable ${SBATCH_OPTIONS:-} --job-name=hpgsim-merge --dependency="afterok:${array%%;*}" \
    --output="$out/logs/merge.log" \
    --wrap="$(printf '%q' "$hpgsim") merge $(printf '%q' "$out")/shard-* -o $(printf '%q' "$out")/result")
echo "submitted shards as job $array and the merge as job $merge; results in $out/result"
