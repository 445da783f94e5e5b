#!/usr/bin/env python3
"""Solves the standard test problems with hpgsim, CVODE and scipy in one run and writes the work–precision
table and the time ratios to notebooks-md/solver-benchmarks.md.

    python3 Benchmarks/peers/compare.py [--no-build] [--rtol 1e-4 1e-6 1e-8] [--output PATH]

Steps: installs what a fresh machine lacks (scripts/setup --bench: LAPACK, libsundials-dev, scipy); builds
hpgsim in release mode (swift build -c release) and the CVODE comparator (gcc -O2 against libsundials-dev); reads the problem definitions from `hpgsim bench problems --json`; runs
`hpgsim bench solvers --json`, `cvode_bench solve …` and `scipy_bench.py solve …` with the same rtol and
atol; checks that the three tools integrate the same problems (same initial values and spans, Jacobians
that match finite differences, end points that agree with the published references); writes the page
(to a temporary file, renamed into place). Exits non-zero if a check fails, after writing the page.
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PEERS = os.path.join(ROOT, "Benchmarks", "peers")
BUILD = os.path.join(PEERS, ".build-peers")
HPGSIM = os.path.join(ROOT, ".build", "release", "hpgsim")
CVODE = os.path.join(BUILD, "cvode_bench")
SCIPY = [sys.executable, os.path.join(PEERS, "scipy_bench.py")]
REGENERATE = "python3 Benchmarks/peers/compare.py"

SCIPY_IMPLICIT = ["Radau", "BDF", "LSODA"]
SCIPY_EXPLICIT = ["DOP853", "RK45"]
# The right-hand sides must agree to rounding at the probe state (relative to the largest |f| component).
RHS_TOLERANCE = 1e-12
# At the tightest tolerance every tool's most accurate method must land this close to the published reference
# (loose: global errors of a sensitive orbit exceed the local tolerance; the f check above is the exact one).
AGREEMENT_TOLERANCE = 1e-2
# An analytic Jacobian whose entries differ from central differences by more than this is wrong.
JACOBIAN_TOLERANCE = 1e-3


def run(command, **kwargs):
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"compare.py: {' '.join(command)} failed (exit {result.returncode}):\n{result.stderr}")
    return result.stdout


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def relative_error(y, reference):
    """As TestProblem.relativeError: max over components of |y − ref| / |ref| (absolute where |ref| < 1e-300)."""
    return max(abs(a - b) / (abs(b) if abs(b) > 1e-300 else 1) for a, b in zip(y, reference))


def build(skip):
    run([os.path.join(ROOT, "scripts", "setup"), "--bench"])
    if not skip:
        print("building hpgsim (release) …", file=sys.stderr)
        run(["swift", "build", "-c", "release", "--product", "hpgsim"])
    os.makedirs(BUILD, exist_ok=True)
    run(["gcc", "-O2", "-std=c11", "-o", CVODE, os.path.join(PEERS, "cvode_bench.c"),
         os.path.join(PEERS, "problems.c"), "-lsundials_cvode", "-lsundials_nvecserial",
         "-lsundials_sunmatrixdense", "-lsundials_sunlinsoldense", "-lsundials_sunnonlinsolfixedpoint", "-lm"])


def first_line(command):
    try:
        return subprocess.run(command, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "unknown"


def machine_description():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def check_definitions(problems, peer_descriptions):
    """Same dimension, span and initial values in every tool (exact: the same doubles)."""
    checks = []
    for tool, described in peer_descriptions.items():
        by_name = {d["problem"]: d for d in described}
        for p in problems:
            d = by_name.get(p["problem"])
            if d is None:
                checks.append((f"{tool}: {p['problem']} defined", False, "not transcribed for this tool"))
                continue
            same = d["dimension"] == p["dimension"] and d["t0"] == p["t0"] and d["t_end"] == p["t_end"] \
                and d["y0"] == p["y0"]
            checks.append((f"{tool}: {p['problem']} has hpgsim's dimension, span and y0", same,
                           "" if same else f"{tool}: n={d['dimension']} span=[{d['t0']}, {d['t_end']}] "
                                           f"y0={d['y0']}; hpgsim: n={p['dimension']} "
                                           f"span=[{p['t0']}, {p['t_end']}] y0={p['y0']}"))
            if not same:
                continue
            scale = max(abs(v) for v in p["f_probe"]) or 1
            difference = max(abs(a - b) for a, b in zip(d["f_probe"], p["f_probe"])) / scale
            checks.append((f"{tool}: {p['problem']} right-hand side equals hpgsim's at the probe state",
                           d["probe_state"] == p["probe_state"] and difference <= RHS_TOLERANCE,
                           f"largest difference {difference:.1g} of max |f|"))
    return checks


def check_jacobians(tool, lines, names):
    return [(f"{tool}: {l['problem']} analytic Jacobian matches central differences",
             l["jacobian_vs_finite_differences"] <= JACOBIAN_TOLERANCE,
             f"largest relative mismatch {l['jacobian_vs_finite_differences']:.2g}")
            for l in lines if l["problem"] in names]


def check_agreement(results, problems, tightest):
    checks = []
    for p in problems:
        rows = [r for r in results if r["problem"] == p["problem"] and r["rtol"] == tightest
                and r["return_code"] == "success"]
        for tool in ("hpgsim", "cvode", "scipy"):
            errors = [r["error"] for r in rows if r["tool"] == tool]
            if not errors:
                continue
            best = min(errors)
            checks.append((f"{tool}: {p['problem']} end point agrees with the reference at rtol {tightest:g}",
                           best <= AGREEMENT_TOLERANCE, f"best relative error {best:.2g}"))
    return checks


def fmt(x, spec=".2e"):
    return "–" if x is None else format(x, spec)


def label(r):
    return f"{r['tool']} {r['method']}"


def work_precision_table(results, problems):
    lines = ["| problem | tool / method | rtol | atol | error | steps | f evals | J evals | LU | ms |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for p in problems:
        for r in sorted((r for r in results if r["problem"] == p["problem"]),
                        key=lambda r: (label(r), -r["rtol"])):
            error = fmt(r["error"]) if r["return_code"] == "success" else f"failed: {r['return_code']}"
            lines.append(f"| {r['problem']} | {label(r)} | {r['rtol']:g} | {r['atol']:g} | {error} | "
                         f"{r['steps']} | {r['rhs_evals']} | {r['jac_evals']} | {r['lu_factorizations']} | "
                         f"{r['seconds'] * 1e3:.3f} |")
    return "\n".join(lines)


def successful(results, **match):
    return [r for r in results if r["return_code"] == "success" and r["error"] is not None
            and all(r[k] == v for k, v in match.items())]


def fastest_at_least_as_accurate(candidates, error):
    good = [r for r in candidates if r["error"] <= error]
    return min(good, key=lambda r: r["seconds"]) if good else None


def ratio_rows(results, problem, peer, hpgsim_methods, rtol):
    """Peer time / hpgsim time (above 1: hpgsim faster), at the same rtol (the fastest hpgsim method at that
    rtol whose error is at most the peer's), and at equal or better accuracy across all rtols."""
    same_rtol = [r for r in successful(results, tool="hpgsim", problem=problem, rtol=rtol)
                 if r["method"] in hpgsim_methods]
    any_rtol = [r for r in successful(results, tool="hpgsim", problem=problem) if r["method"] in hpgsim_methods]
    at_rtol = fastest_at_least_as_accurate(same_rtol, peer["error"])
    across = fastest_at_least_as_accurate(any_rtol, peer["error"])

    def cell(h):
        if h is None:
            return "no hpgsim run this accurate", "–"
        return (f"{h['method']} @ {h['rtol']:g}: {h['seconds'] * 1e3:.3f} ms, error {h['error']:.2e}",
                f"{peer['seconds'] / h['seconds']:.2f}×")

    a, ra = cell(at_rtol)
    b, rb = cell(across)
    return (f"| {problem} | {label(peer)}: {peer['seconds'] * 1e3:.3f} ms, error {peer['error']:.2e} | {a} | {ra} "
            f"| {b} | {rb} |"), (at_rtol and peer["seconds"] / at_rtol["seconds"]), \
        (across and peer["seconds"] / across["seconds"])


RATIO_HEADER = ("| problem | peer at rtol {rtol:g} | fastest hpgsim at rtol {rtol:g} with error ≤ peer's | speedup "
                "| fastest hpgsim at any rtol with error ≤ peer's | speedup |\n|---|---|---|---:|---|---:|")


def stiff_ratios(results, problems, stiff_methods, rtol):
    lines, verdicts = [RATIO_HEADER.format(rtol=rtol)], []
    for p in (p for p in problems if p["stiff"]):
        peers = successful(results, tool="cvode", problem=p["problem"], rtol=rtol)
        for peer in peers:
            row, same, across = ratio_rows(results, p["problem"], peer, stiff_methods, rtol)
            lines.append(row)
            verdicts.append((p["problem"], same, across))
    return "\n".join(lines), verdicts


def explicit_ratios(results, problems, explicit_methods, rtols):
    """Against scipy's DOP853 and RK45 (the goal) and, for reference, CVODE's Adams method."""
    lines, verdicts = [], []
    for rtol in rtols:
        lines.append(RATIO_HEADER.format(rtol=rtol))
        for p in (p for p in problems if not p["stiff"]):
            peers = [r for r in successful(results, problem=p["problem"], rtol=rtol)
                     if (r["tool"], r["method"]) in {("scipy", m) for m in SCIPY_EXPLICIT} | {("cvode", "adams")}]
            for peer in sorted(peers, key=label, reverse=True):
                row, same, across = ratio_rows(results, p["problem"], peer, explicit_methods, rtol)
                lines.append(row)
                if peer["tool"] == "scipy":
                    verdicts.append((f"{p['problem']} vs {peer['method']} @ {rtol:g}", same, across))
        lines.append("")
    return "\n".join(lines), verdicts


def verdict_text(verdicts, goal):
    """Counts comparisons meeting the goal at equal or better accuracy (any hpgsim rtol), and at the same rtol."""
    across = sum(1 for v in verdicts if v[2] is not None and v[2] >= goal)
    same = sum(1 for v in verdicts if v[1] is not None and v[1] >= goal)
    return (f"**{across} of {len(verdicts)}** comparisons meet the goal (speedup ≥ {goal:g}× at equal or better "
            f"accuracy, hpgsim at any rtol); {same} of {len(verdicts)} also at the same rtol")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-build", action="store_true", help="use the existing release build of hpgsim")
    parser.add_argument("--rtol", nargs="+", type=float, default=[1e-4, 1e-6, 1e-8])
    parser.add_argument("--output", default=os.path.join(ROOT, "notebooks-md", "solver-benchmarks.md"))
    args = parser.parse_args()
    build(args.no_build)
    rtols = sorted(args.rtol, reverse=True)
    tightest = min(rtols)

    problems = json_lines(run([HPGSIM, "bench", "problems", "--json"]))
    if not problems:
        sys.exit("compare.py: hpgsim has no test problems (TestProblem.all is empty)")
    by_name = {p["problem"]: p for p in problems}
    print("running hpgsim …", file=sys.stderr)
    figure = os.path.join(os.path.dirname(args.output), "figures", "solver-work-precision.svg")
    os.makedirs(os.path.dirname(figure), exist_ok=True)
    plot_command = f"hpgsim bench solvers --rtol {' '.join(map(repr, rtols))} --plot {os.path.relpath(figure, ROOT)}"
    hpgsim = json_lines(run([HPGSIM, "bench", "solvers", "--json", "--rtol", *map(repr, rtols), "--plot", figure]))
    stiff_methods = sorted({r["method"] for r in hpgsim if by_name[r["problem"]]["stiff"]})
    explicit_methods = sorted({r["method"] for r in hpgsim} - set(stiff_methods))

    cvode_described = json_lines(run([CVODE, "describe"]))
    scipy_described = json_lines(run(SCIPY + ["describe"]))
    peer_names = {d["problem"] for d in cvode_described} & {d["problem"] for d in scipy_described}
    checks = check_definitions(problems, {"cvode": cvode_described, "scipy": scipy_described})
    checks += check_jacobians("cvode", json_lines(run([CVODE, "check-jacobians"])), by_name)
    checks += check_jacobians("scipy", json_lines(run(SCIPY + ["check-jacobians"])), by_name)

    # atol for each (problem, rtol) by hpgsim's documented scaling, in the same floating-point operations.
    atol = {(p["problem"], rtol): p["atol_at_rtol_1e-6"] * rtol / 1e-6 for p in problems for rtol in rtols}
    for r in hpgsim:
        if r["atol"] != atol[(r["problem"], r["rtol"])]:
            sys.exit(f"compare.py: hpgsim used atol {r['atol']} on {r['problem']} at rtol {r['rtol']}, "
                     f"expected {atol[(r['problem'], r['rtol'])]}")
    peers = []
    for p in problems:
        if p["problem"] not in peer_names:
            continue
        for rtol in rtols:
            a = atol[(p["problem"], rtol)]
            print(f"running cvode and scipy on {p['problem']} at rtol {rtol:g} …", file=sys.stderr)
            for method in ["bdf"] + ([] if p["stiff"] else ["adams"]):
                peers += json_lines(subprocess.run([CVODE, "solve", p["problem"], repr(rtol), repr(a), "5", method],
                                                   capture_output=True, text=True).stdout)
            methods = SCIPY_IMPLICIT + ([] if p["stiff"] else SCIPY_EXPLICIT)
            peers += json_lines(run(SCIPY + ["solve", p["problem"], repr(rtol), repr(a), *methods]))
    results = hpgsim + peers
    for r in results:
        reference = by_name[r["problem"]]["reference"]
        reported = r.get("error")
        r["error"] = relative_error(r["y_end"], reference) if r["return_code"] == "success" else None
        if r["tool"] == "hpgsim" and reported is not None and abs(reported - r["error"]) > 1e-12 * max(1, reported):
            checks.append((f"hpgsim: {r['problem']} {r['method']} error as recomputed here", False,
                           f"hpgsim reported {reported}, recomputed {r['error']}"))
    checks += check_agreement(results, problems, tightest)

    stiff_table, stiff_verdicts = stiff_ratios(results, problems, stiff_methods, 1e-6) if 1e-6 in rtols else ("", [])
    explicit_table, explicit_verdicts = explicit_ratios(results, problems, explicit_methods, rtols)
    failed = [c for c in checks if not c[1]]
    versions = {
        "swift": first_line(["swift", "--version"]),
        "gcc": first_line(["gcc", "--version"]),
        "SUNDIALS (CVODE)": cvode_described[0]["sundials"],
        "Python": platform.python_version(),
        "scipy": scipy_described[0]["scipy"],
        "numpy": scipy_described[0]["numpy"],
    }
    page = f"""# Solver benchmarks: hpgsim against CVODE and scipy

Generated by `{REGENERATE}` (from the repository root; it builds hpgsim in release mode and the CVODE
comparator, then runs all three tools in one run). Generated {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC.

- Machine: {machine_description()} (a shared machine: other processes may have been running; every time is the
  best of several solves, which removes most of that noise).
{chr(10).join(f"- {k}: {v}" for k, v in versions.items())}

## What is compared

The test problems of `hpgsim bench problems` ({", ".join(p["problem"] for p in problems)}), each solved from its
initial state to its end time with scalar rtol and atol; atol is the problem's convention at rtol = 1e-6, scaled
with rtol (`atol = atol(problem) · rtol / 1e-6`), and is the same for all three tools. The error is the largest
relative error over the components at the end point against the published reference solution. Times are the best
of repeated complete solves in one process (setup included; at least 5 solves for hpgsim and CVODE, 3 for scipy,
and more until 0.1 s of solving has accumulated).

- **hpgsim**: `hpgsim bench solvers --json` (release build), every registered method; explicit methods on the
  non-stiff problems only. Output at the end point only.
- **CVODE** (Benchmarks/peers/cvode_bench.c): BDF orders 1–5, Newton with the dense direct linear solver
  (SUNLinSol_Dense) and the analytic Jacobian, on every problem; on the non-stiff problems also Adams–Moulton
  orders 1–12 with fixed-point iteration. maxSteps 100 000, stop time at the end point. "steps" counts
  attempts (CVODE's steps plus its error-test and convergence failures), as hpgsim does.
- **scipy** (Benchmarks/peers/scipy_bench.py): `solve_ivp` with Radau, BDF and LSODA (analytic Jacobians) on every
  problem, DOP853 and RK45 on the non-stiff ones. solve_ivp does not report rejected steps: its "steps" are the
  accepted ones.

## Checks ({len(checks) - len(failed)} of {len(checks)} passed)

{chr(10).join(f"- {'✅' if ok else '❌'} {name}{': ' + detail if detail else ''}" for name, ok, detail in checks)}

## Stiff problems: hpgsim's stiff methods against CVODE at rtol 1e-6

Speedup = CVODE time / hpgsim time (above 1: hpgsim is faster). Goal: ≥ 1 on every stiff problem at equal or
better accuracy. {verdict_text(stiff_verdicts, 1)}.

{stiff_table}

## Non-stiff problems: hpgsim's explicit methods against scipy's DOP853 and RK45 (and CVODE Adams)

Speedup = peer time / hpgsim time. Goal: ≥ 10 against scipy. {verdict_text(explicit_verdicts, 10)}. The rows
against CVODE's Adams method (fixed-point iteration) are for reference; they are not part of the goal.

{explicit_table}
## Work–precision figure (hpgsim's methods)

![error against time per solve, per problem and method](figures/solver-work-precision.svg)

Drawn by hpgsim from the same run as the tables (`{plot_command}`, with `--json`): one point per relative
tolerance, down and to the left is better.

## Work–precision table

{work_precision_table(results, problems)}
"""
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    # Keep the section Benchmarks/sbml/crosscheck.py writes at the end of the page.
    kept = "## The HPG model in libRoadRunner (SBML export)"
    if os.path.exists(args.output):
        with open(args.output) as f:
            previous = f.read()
        if kept in previous:
            page = page.rstrip("\n") + "\n\n" + previous[previous.index(kept):]
    with tempfile.NamedTemporaryFile("w", dir=os.path.dirname(args.output), delete=False, suffix=".tmp") as f:
        f.write(page)
        temporary = f.name
    os.replace(temporary, args.output)
    print(f"wrote {os.path.relpath(args.output, ROOT)}", file=sys.stderr)
    for name, _, detail in failed:
        print(f"check failed: {name}: {detail}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
