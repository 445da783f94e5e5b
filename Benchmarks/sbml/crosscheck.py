#!/usr/bin/env python3
"""Cross-check of `hpgsim export --sbml` with libRoadRunner, and libRoadRunner's CVODE against hpgsim.

    python3 Benchmarks/sbml/crosscheck.py                     # from the repository root; ~1 min after the builds
    python3 Benchmarks/sbml/crosscheck.py --write-notebook    # also writes its section of notebooks-md/solver-benchmarks.md

Steps:
Environment: HPGSIM=path uses that hpgsim binary instead of .build/release/hpgsim (agreement only matters
then; times are meaningful from a release build).

1. Installs libRoadRunner from PyPI (libroadrunner==2.10.0, numpy) into .build-venv/sbml (git-ignored) unless
   it is there, and builds hpgsim in release if .build/release/hpgsim is missing.
2. Agreement: for each scenario, `hpgsim export --sbml` writes the model; libSBML's consistency checks (in
   libRoadRunner, units apart) must find nothing; libRoadRunner loads it and
   simulates with CVODE at rtol 1e-10 (absolute 1e-12) on the output grid of `hpgsim run --rtol 1e-10` (absolute
   1e-12); every observable column of the CSV is compared with the SBML's obs_<column> assignment rule. The
   relative difference |a − b| / max(|a|, |b|) is taken where max(|a|, |b|) exceeds 1e-9 of the column's
   largest value (drug concentrations are 0 before the first dose). The CSV has 7 significant digits, so its
   rounding alone can reach 5e-7 relative, so the difference beyond that rounding is reported too. Passes
   when every scenario agrees to 1e-6.
3. Timing at the model's default tolerance (rtol 1e-7, absolute 1e-9, both tools) on the same grid: the best
   of repeated runs of each. hpgsim's time is the whole `hpgsim run` process (read the YAML, solve the
   baseline, integrate with its default method and with bdf, write the CSV); libRoadRunner's is `simulate`
   alone after `resetAll` (its load and compilation, timed once, are reported apart).

Exit status 0 when every scenario is consistent and agrees to 1e-6, 1 otherwise.
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
HPGSIM = os.environ.get("HPGSIM", os.path.join(ROOT, ".build", "release", "hpgsim"))
# The calibration study, three drugs with simultaneous doses, and an infusion (the patch's skin reservoir).
SCENARIOS = ["scenarios/anastrozole-shah-2021.yaml",
             "scenarios/combinations/trt-cypionate-plus-hcg-plus-anastrozole.yaml",
             "scenarios/drugs/estradiol-patch-100ug-per-day.yaml"]
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
    # resetAll, not reset: reset leaves global parameters that events changed (an infusion's input) as they
    # are, and applies the events at time 0 once more.
    model.resetAll()
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
    return min(times)


def check(roadrunner, scenario, folder):
    """Agreement and timing of one scenario."""
    name = os.path.splitext(os.path.basename(scenario))[0]
    xml = os.path.join(folder, name + ".xml")
    subprocess.run([HPGSIM, "export", "--sbml", scenario, "-o", xml], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    # libSBML's consistency checks (as bundled in libRoadRunner), units apart: the file declares no units
    # but hours (names carry them), so unit checks would only warn that units are undeclared.
    with open(xml) as f:
        problems = roadrunner.validateSBML(f.read())
    columns, hours, expected = hpgsim_run(scenario, AGREEMENT_RTOL, os.path.join(folder, name + ".csv"))
    got = simulate(load(roadrunner, xml, AGREEMENT_RTOL, AGREEMENT_ATOL), columns, hours)
    (difference, column, day), beyond = agreement(columns, hours, expected, got)

    csv_path = os.path.join(folder, name + "-timing.csv")
    def run(*method):
        command = [HPGSIM, "run", scenario, "--rtol", repr(TIMING_RTOL), "-o", csv_path, *method]
        return lambda: subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    hpg_default, hpg_bdf = best_time(run()), best_time(run("--method", "bdf"))
    t = time.perf_counter()
    model = load(roadrunner, xml, TIMING_RTOL, TIMING_ATOL)
    loading = time.perf_counter() - t
    rr = best_time(lambda: simulate(model, columns, hours))
    return dict(scenario=scenario, valid=problems == "", problems=problems, columns=len(columns), times=len(hours), difference=difference, column=column,
                day=day, beyond=beyond, passed=difference <= REQUIRED and problems == "", hpgsim=hpg_default, hpgsim_bdf=hpg_bdf,
                roadrunner=rr, loading=loading)


SECTION = "## The HPG model in libRoadRunner (SBML export)"


def section(results, version):
    rows = "\n".join(
        f"| `{r['scenario']}` | {'none' if r['valid'] else 'FAIL'} | {r['columns']} × {r['times']} | {r['difference']:.2e} ({r['column']}, day {r['day']:g}) "
        f"| {r['beyond']:.2e} | {'pass' if r['passed'] else 'FAIL'} | {r['hpgsim'] * 1e3:.0f} | {r['hpgsim_bdf'] * 1e3:.0f} "
        f"| {r['roadrunner'] * 1e3:.0f} | {r['loading'] * 1e3:.0f} | {r['roadrunner'] / r['hpgsim']:.1f} "
        f"| {r['roadrunner'] / r['hpgsim_bdf']:.1f} |" for r in results)
    return f"""{SECTION}

Generated by `python3 Benchmarks/sbml/crosscheck.py --write-notebook` (kept when `compare.py` rewrites this page).
Generated {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; libRoadRunner {version} (PyPI), CVODE inside it.

`hpgsim export --sbml` writes each scenario as SBML (rate rules recorded from the rate laws hpgsim integrates,
the patient's baseline, doses as events); libSBML (bundled in libRoadRunner, `validateSBML`) checks its
consistency (units apart: only hours are declared); libRoadRunner loads it and simulates on the output grid of
`hpgsim run`.
Agreement: every observable column, both tools at rtol {AGREEMENT_RTOL:g} (absolute {AGREEMENT_ATOL:g}), largest
relative difference |a − b| / max(|a|, |b|); the CSV of `hpgsim run` has 7 significant digits, so its rounding
alone reaches 5e-7, and the next column removes it (the difference beyond half a unit in the 7th digit).
Timing: both at rtol {TIMING_RTOL:g} (absolute {TIMING_ATOL:g}, the model's default), best of repeated runs on a
shared 2-core machine; hpgsim's time is the whole `hpgsim run` process (read the YAML, solve the baseline,
integrate with its default method vern7, or bdf, write the CSV), libRoadRunner's is `simulate` alone after
`resetAll` (its load and compilation apart). Ratio = libRoadRunner time / hpgsim time: above 1, hpgsim is
faster. hpgsim's time includes what every process pays (start, YAML, the baseline's steady-state solve), which
weighs most in short scenarios; libRoadRunner's excludes its load and compilation.

| scenario | libSBML errors | observables × times | max relative difference | beyond rounding | 1e-6 | hpgsim vern7 (ms) | hpgsim bdf (ms) | libRoadRunner (ms) | load + compile (ms) | ratio (vern7) | ratio (bdf) |
|---|---|---|---|---|---|---|---|---|---|---|---|
{rows}
"""


def write_notebook(text):
    """Replaces this section of notebooks-md/solver-benchmarks.md (or appends it)."""
    path = os.path.join(ROOT, "notebooks-md", "solver-benchmarks.md")
    with open(path) as f:
        page = f.read()
    if SECTION in page:
        page = page[:page.index(SECTION)]
    page = page.rstrip("\n") + "\n\n" + text
    with tempfile.NamedTemporaryFile("w", dir=os.path.dirname(path), delete=False, suffix=".tmp") as f:
        f.write(page)
    os.replace(f.name, path)
    print(f"wrote {os.path.relpath(path, ROOT)}")


def main():
    ensure_environment()
    import roadrunner
    print(f"libRoadRunner {roadrunner.__version__}; hpgsim {os.path.relpath(HPGSIM, ROOT)}")
    with tempfile.TemporaryDirectory() as folder:
        results = [check(roadrunner, scenario, folder) for scenario in SCENARIOS]
    for r in results:
        print(f"\n{r['scenario']}: {r['columns']} observables × {r['times']} times")
        print("  libSBML consistency: " + ("no errors or warnings" if r["valid"] else "\n" + r["problems"]))
        print(f"  agreement at rtol {AGREEMENT_RTOL:g}: max relative difference {r['difference']:.2e} "
              f"({r['column']}, day {r['day']:g}): {'pass' if r['passed'] else 'FAIL'} (≤ {REQUIRED:g}); "
              f"beyond the CSV's 7-digit rounding {r['beyond']:.2e}")
        print(f"  timing at rtol {TIMING_RTOL:g}: hpgsim run {r['hpgsim'] * 1e3:.1f} ms (vern7), {r['hpgsim_bdf'] * 1e3:.1f} ms (bdf); "
              f"libRoadRunner simulate {r['roadrunner'] * 1e3:.1f} ms (load and compile {r['loading'] * 1e3:.0f} ms once); "
              f"ratio libRoadRunner/hpgsim {r['roadrunner'] / r['hpgsim']:.2f} (vern7), {r['roadrunner'] / r['hpgsim_bdf']:.2f} (bdf)")
    if "--write-notebook" in sys.argv[1:]:
        write_notebook(section(results, roadrunner.__version__))
    return 0 if all(r["passed"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
