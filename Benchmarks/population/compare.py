#!/usr/bin/env python3
"""What a looser tolerance changes: compares two `hpgsim population` result folders of the same men (same
scenarios, seed and N, different --rtol) and prints the largest relative difference of any on-treatment mean,
how many response flags differ, the largest change of a responder fraction (responders.csv, every target and
subgroup) and the largest relative change of the median over the men of an on-treatment value.

usage: python3 Benchmarks/population/compare.py REFERENCE_DIR OTHER_DIR
e.g.   hpgsim population scenarios/populations/anastrozole-1mg-twice-weekly.yaml --n 200 --seed 1 -o a
       hpgsim population scenarios/populations/anastrozole-1mg-twice-weekly.yaml --n 200 --seed 1 --rtol 1e-5 -o b
       python3 Benchmarks/population/compare.py a b
"""
import csv, statistics, sys

FLAGS = ["T_at_least_300_ng_per_dL", "T_E2_ratio_at_least_10", "E2_15_to_40_pg_per_mL", "E2_below_10_pg_per_mL",
         "sperm_concentration_up_by_half"]
reference, other = (list(csv.DictReader(open(f"{d}/men.csv", newline=""))) for d in sys.argv[1:3])
assert [(r["man"], r["scenario"]) for r in reference] == [(r["man"], r["scenario"]) for r in other], "not the same men"
largest = max(abs(float(b[k]) - float(a[k])) / abs(float(a[k]))
              for a, b in zip(reference, other) for k in a if k.startswith("on_treatment_"))
changed = sum(a[k] != b[k] for a, b in zip(reference, other) for k in FLAGS)
steps = [sum(float(r["solver_steps"]) for r in rows) / len(rows) for rows in (reference, other)]
rates = [{(r["scenario"], r["target"], r["subgroup"]): float(r["fraction"])
          for r in csv.DictReader(open(f"{d}/responders.csv", newline=""))} for d in sys.argv[1:3]]
rateChange = max(abs(rates[1][key] - rates[0][key]) for key in rates[0])
median = lambda rows, k: statistics.median(float(r[k]) for r in rows)
medianChange = max(abs(median(other, k) / median(reference, k) - 1)
                   for k in reference[0] if k.startswith("on_treatment_"))
print(f"largest relative difference of an on-treatment mean: {largest:.2g}")
print(f"response flags changed: {changed} of {len(FLAGS) * len(reference)}")
print(f"largest change of a responder fraction: {rateChange:.2g}")
print(f"largest relative change of a median on-treatment value: {medianChange:.2g}")
print(f"solver steps per man: {steps[0]:.0f} → {steps[1]:.0f}")
