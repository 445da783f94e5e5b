#!/usr/bin/env python3
"""Cross-check of `hpgsim export --sbml` with libRoadRunner, and libRoadRunner's CVODE against hpgsim.

    python3 Benchmarks/sbml/crosscheck.py            # from the repository root; ~1 min after the builds

Steps:
1. Installs libRoadRunner from PyPI (libroadrunner==2.10.0, numpy) into .build-venv/sbml (git-ignored) unless
   it is there, and builds hpgsim in release if .build/release/hpgsim is missing.
2. Agreement: for each scenario, `hpgsim export --sbml` writes the model; libRoadRunner loads it and
   simulates with CVODE at rtol 1e-10 (absolute 1e-12) on the output grid of `hpgsim run --rtol 1e-10` (absolute
   1e-12); every observable column of the CSV is compared with the SBML's obs_<column> assignment rule. The
   relative difference |a − b| / max(|a|, |b|) is taken where max(|a|, |b|) exceeds 1e-9 of the column's
   largest value (drug concentrations are 0 before the first dose). The CSV has 7 significant digits, so its
   rounding alone can reach 5e-7 relative, so the difference beyond that rounding is reported too. Passes
   when every scenario agrees to 1e-6.
3. Timing at the model's default tolerance (rtol 1e-7, absolute 1e-9, both tools) on the same grid: the best
   of repeated runs of each. hpgsim's time is the whole `hpgsim run` process (read the YAML, solve the
   baseline, integrate, write the CSV); libRoadRunner's is `simulate` alone after `reset` (its load and
   compilation, timed once, are reported apart).

Exit status 0 when every scenario agrees to 1e-6, 1 otherwise.
"""
import csv
import math
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VENV = os.path.join(ROOT, ".build-venv", "sbml")
HPGSIM = os.path.join(ROOT, ".build", "release", "hpgsim")
SCENARIOS = ["scenarios/anastrozole-shah-2021.yaml",
             "scenarios/combinations/trt-cypionate-plus-hcg-plus-anastrozole.yaml"]
AGREEMENT_RTOL, AGREEMENT_ATOL = 1e-10, 1e-12
TIMING_RTOL, TIMING_ATOL = 1e-7, 1e-9
REQUIRED = 1e-6


def ensure_environment():
    """Re-runs this script under the virtualenv's Python, creating it first if needed."""
    python = os.path.join(VENV, "bin", "python")
    if os.path.realpath(sys.prefix) != os.path.realpath(VENV):
        if not os.path.exists(python):
            subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        if subprocess.run([python, "-c", "import roadrunner, numpy"], capture_output=True).returncode != 0:
            subprocess.run([python, "-m", "pip", "install", "--quiet", "libroadrunner==2.10.0", "numpy"], check=True)
        os.execv(python, [python, os.path.abspath(__file__)] + sys.argv[1:])
    if not os.path.exists(HPGSIM):
        subprocess.run(["swift", "build", "-c", "release", "--product", "hpgsim"], cwd=ROOT, check=True)


def hpgsim_run(scenario, rtol, csv_path):
    subprocess.run([HPGSIM, "run", scenario, "--rtol", repr(rtol), "--units", "conventional", "-o", csv_path],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    with open(csv_path, newline="") as f:
        rows = list(csv.reader(f))
    header, values = rows[0], [[float(x) for x in row] for row in rows[1:]]
    assert header[0] == "time_days"
    return header[1:], [row[0] * 24 for row in values], [row[1:] for row in values]


def load(roadrunner, xml, rtol, atol):
    model = roadrunner.RoadRunner(xml)
    model.integrator.relative_tolerance = rtol
    model.integrator.absolute_tolerance = atol
    model.integrator.maximum_num_steps = 10 ** 6
    return model


def simulate(model, columns, hours):
    model.reset()
    result = model.simulate(times=hours, selections=["obs_" + c for c in columns])
    return [[float(x) for x in row] for row in result]


def half_unit(x):
    """Half a unit in the 7th significant digit of x: the most %.7g rounding moves it."""
    return 0.5 * 10 ** (math.floor(math.log10(abs(x))) - 6) if x != 0 else 0


def agreement(columns, hours, csv_values, sbml_values):
    """Largest relative difference, where (column, day), and the largest beyond the CSV's rounding
    (|a − b| less half a unit in a's 7th digit, relative)."""
    worst, beyond = (0.0, None, None), 0.0
    for j, column in enumerate(columns):
        scale = max(max(abs(row[j]) for row in csv_values), max(abs(row[j]) for row in sbml_values))
        for k in range(len(hours)):
            x, y = csv_values[k][j], sbml_values[k][j]
            size = max(abs(x), abs(y))
            if size <= 1e-9 * scale:
                continue
            d = abs(x - y) / size
            beyond = max(beyond, max(abs(x - y) - half_unit(x), 0) / size)
            if d > worst[0]:
                worst = (d, column, hours[k] / 24)
    return worst, beyond


def best_time(function, minimum_runs=5, minimum_seconds=1.0):
    times, start = [], time.perf_counter()
    while len(times) < minimum_runs or time.perf_counter() - start < minimum_seconds:
        t = time.perf_counter()
        function()
        times.append(time.perf_counter() - t)
    return min(times), len(times)


def main():
    ensure_environment()
    import roadrunner
    print(f"libRoadRunner {roadrunner.__version__}; hpgsim {HPGSIM}")
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        for scenario in SCENARIOS:
            name = os.path.splitext(os.path.basename(scenario))[0]
            xml = os.path.join(folder, name + ".xml")
            subprocess.run([HPGSIM, "export", "--sbml", scenario, "-o", xml], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
            columns, hours, expected = hpgsim_run(scenario, AGREEMENT_RTOL, os.path.join(folder, name + ".csv"))
            model = load(roadrunner, xml, AGREEMENT_RTOL, AGREEMENT_ATOL)
            got = simulate(model, columns, hours)
            (difference, column, day), beyond = agreement(columns, hours, expected, got)
            passed = difference <= REQUIRED
            ok &= passed
            print(f"\n{scenario}: {len(columns)} observables × {len(hours)} times")
            print(f"  agreement at rtol {AGREEMENT_RTOL:g}: max relative difference {difference:.2e} "
                  f"({column}, day {day:g}) {'≤' if passed else '>'} {REQUIRED:g}: {'pass' if passed else 'FAIL'}; "
                  f"beyond the CSV's 7-digit rounding {beyond:.2e}")

            csv_path = os.path.join(folder, name + "-timing.csv")
            columns, hours, _ = hpgsim_run(scenario, TIMING_RTOL, csv_path)
            run = [HPGSIM, "run", scenario, "--rtol", repr(TIMING_RTOL), "-o", csv_path]
            hpg, hpg_runs = best_time(lambda: subprocess.run(run, cwd=ROOT, check=True, stdout=subprocess.DEVNULL))
            t = time.perf_counter()
            model = load(roadrunner, xml, TIMING_RTOL, TIMING_ATOL)
            loading = time.perf_counter() - t
            rr, rr_runs = best_time(lambda: simulate(model, columns, hours))
            print(f"  timing at rtol {TIMING_RTOL:g}: hpgsim run (whole process) {hpg * 1e3:.1f} ms (best of {hpg_runs}); "
                  f"libRoadRunner simulate {rr * 1e3:.1f} ms (best of {rr_runs}; load and compile {loading * 1e3:.0f} ms once); "
                  f"ratio libRoadRunner/hpgsim {rr / hpg:.2f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
