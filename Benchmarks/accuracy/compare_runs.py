#!/usr/bin/env python3
"""Largest relative difference between two folders of `hpgsim run` CSVs (same scenario files, e.g. the default
tolerance against a reference run): for every file present in both, every cell whose reference value exceeds
1e-3 in magnitude, |a − b|/|b|. Prints one line per file, worst last, and the overall worst.

usage: python3 Benchmarks/accuracy/compare_runs.py OTHER_DIR REFERENCE_DIR
e.g.   S="scenarios scenarios/drugs scenarios/combinations scenarios/conditions"
       hpgsim run $S -o run/ && hpgsim run $S --rtol 1e-11 -o reference/
       python3 Benchmarks/accuracy/compare_runs.py run reference
The CSVs carry 7 significant digits, so rounding alone reaches 5e-7 relative.
"""
import csv, os, sys


def largest_difference(path, reference_path):
    with open(path, newline="") as a, open(reference_path, newline="") as b:
        rows, reference = list(csv.reader(a)), list(csv.reader(b))
    header, worst = reference[0], (0.0, None, None)
    for row, expected in zip(rows[1:], reference[1:]):
        for column, (x, y) in enumerate(zip(row, expected)):
            y_value = float(y)
            if abs(y_value) > 1e-3:
                difference = abs(float(x) - y_value) / abs(y_value)
                if difference > worst[0]:
                    worst = (difference, header[column], expected[0])
    return worst


other, reference = sys.argv[1:3]
results = []
for name in sorted(os.listdir(reference)):
    if name.endswith(".csv") and os.path.exists(os.path.join(other, name)):
        results.append((largest_difference(os.path.join(other, name), os.path.join(reference, name)), name))
for (difference, column, time), name in sorted(results):
    print(f"{name}: {difference:.2e}" + (f" ({column}, time {time})" if column else ""))
print(f"largest over {len(results)} files: {max(r[0][0] for r in results):.2e}")
