#!/usr/bin/env python3
"""Benchmark data set for `hpgsim events`: 1000 individuals x 28 days of once-daily oral dosing with hourly
output, the workload of mrgsolve's published timing (about 1.1 s single-threaded per population run;
mrgsolve issue #372, see shared/research/anchors-pkpd-tools.md).

Each individual: one dose record (AMT 100 into the depot, II 24, ADDL 27) and observation records at
hours 0..672. CL, V, KA are data columns, constant within an individual, log-normal around
CL 1 L/h, V 20 L, KA 1.5 /h (30 %, 20 %, 40 % CV; fixed seed, so the file is reproducible).

usage: python3 make_dataset.py OUT.csv [N_IDS]
"""
import math
import random
import sys


def main() -> None:
    out = sys.argv[1]
    n_ids = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    rng = random.Random(20261125)
    with open(out, "w") as f:
        f.write("ID,TIME,EVID,AMT,CMT,II,ADDL,CL,V,KA\n")
        for i in range(1, n_ids + 1):
            cl = 1.0 * math.exp(rng.gauss(0, 0.3))
            v = 20.0 * math.exp(rng.gauss(0, 0.2))
            ka = 1.5 * math.exp(rng.gauss(0, 0.4))
            p = f"{cl:.6g},{v:.6g},{ka:.6g}"
            f.write(f"{i},0,1,100,1,24,27,{p}\n")
            for t in range(0, 673):
                f.write(f"{i},{t},0,.,2,.,.,{p}\n")


if __name__ == "__main__":
    main()
