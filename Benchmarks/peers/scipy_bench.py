#!/usr/bin/env python3
"""scipy comparator for `hpgsim bench solvers`: solve_ivp with Radau, BDF, LSODA (analytic Jacobians) and
DOP853, RK45 on the standard test problems.

    scipy_bench.py solve PROBLEM RTOL ATOL METHOD... [--min-repeats N]   one JSON line per method
    scipy_bench.py describe                                               one JSON line per problem
    scipy_bench.py check-jacobians                                        analytic vs finite differences

The problems are transcribed from the same sources as Sources/ODEProblems and Benchmarks/peers/problems.c
(Bari IVP test set, Mazzia & Magherini 2008; Hairer & Wanner II, IV.10; Hairer, Nørsett & Wanner I, II.0);
compare.py checks them against `hpgsim bench problems --json` and the published references.

Timing: best of at least N complete solve_ivp calls (default 3), repeated until 0.1 s of solving has
accumulated, at most 1000, on time.perf_counter (monotonic). solve_ivp keeps every step, as a user's call does.
"""
import json
import math
import sys
import time

import numpy as np
import scipy
from scipy.integrate import solve_ivp


class Problem:
    def __init__(self, name, t0, t_end, y0, f, jac):
        self.name, self.t0, self.t_end, self.y0, self.f, self.jac = name, t0, t_end, np.array(y0, float), f, jac


# ---- Robertson (Bari "rober")
def robertson_f(t, y):
    a = -0.04 * y[0] + 1e4 * y[1] * y[2]
    c = 3e7 * y[1] * y[1]
    return np.array([a, -a - c, c])


def robertson_jac(t, y):
    return np.array([
        [-0.04, 1e4 * y[2], 1e4 * y[1]],
        [0.04, -1e4 * y[2] - 6e7 * y[1], -1e4 * y[1]],
        [0.0, 6e7 * y[1], 0.0],
    ])


# ---- HIRES (Bari "hires")
def hires_f(t, y):
    f7 = 280 * y[5] * y[7] - 1.81 * y[6]
    return np.array([
        -1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007,
        1.71 * y[0] - 8.75 * y[1],
        -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4],
        8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3],
        -1.745 * y[4] + 0.43 * (y[5] + y[6]),
        -280 * y[5] * y[7] + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6],
        f7,
        -f7,
    ])


def hires_jac(t, y):
    J = np.zeros((8, 8))
    J[0, 0:3] = [-1.71, 0.43, 8.32]
    J[1, 0:2] = [1.71, -8.75]
    J[2, 2:5] = [-10.03, 0.43, 0.035]
    J[3, 1:4] = [8.32, 1.71, -1.12]
    J[4, 4:7] = [-1.745, 0.43, 0.43]
    J[5, 3:8] = [0.69, 1.71, -280 * y[7] - 0.43, 0.69, -280 * y[5]]
    J[6, 5:8] = [280 * y[7], -1.81, 280 * y[5]]
    J[7, 5:8] = [-280 * y[7], 1.81, -280 * y[5]]
    return J


# ---- Van der Pol (Bari "vdpol"), ε = 1e-6 (μ = 1000)
VDP_EPSILON = 1e-6


def vanderpol_f(t, y):
    return np.array([y[1], ((1 - y[0] * y[0]) * y[1] - y[0]) / VDP_EPSILON])


def vanderpol_jac(t, y):
    return np.array([[0.0, 1.0], [(-2 * y[0] * y[1] - 1) / VDP_EPSILON, (1 - y[0] * y[0]) / VDP_EPSILON]])


# ---- POLLU (Bari "pollu"; Verwer 1994): reactions as data, rate r_m = k_m · y_a (· y_b)
POLLU_K = np.array([0.35, 26.6, 1.23e4, 8.6e-4, 8.2e-4, 1.5e4, 1.3e-4, 2.4e4, 1.65e4, 9e3, 0.022, 1.2e4, 1.88,
                    1.63e4, 4.8e6, 3.5e-4, 0.0175, 1e8, 4.44e11, 1240, 2.1, 5.78, 0.0474, 1780, 3.12])
# (reactant a, reactant b or None), species numbered from 0 (NO2, NO, O3P, O3, HO2, OH, HCHO, CO, ALD, MEO2,
# C2O3, CO2, PAN, CH3O, HNO3, O1D, SO2, SO4, NO3, N2O5)
POLLU_REACTANTS = [(0, None), (1, 3), (4, 1), (6, None), (6, None), (6, 5), (8, None), (8, 5), (10, 1), (10, 0),
                   (12, None), (9, 1), (13, None), (0, 5), (2, None), (3, None), (3, None), (15, None),
                   (15, None), (16, 5), (18, None), (18, None), (0, 3), (18, 0), (19, None)]
# net stoichiometry {species: coefficient} of each reaction
POLLU_STOICHIOMETRY = [
    {0: -1, 1: 1, 2: 1}, {1: -1, 3: -1, 0: 1}, {4: -1, 1: -1, 0: 1, 5: 1}, {6: -1, 4: 2, 7: 1}, {6: -1, 7: 1},
    {6: -1, 5: -1, 4: 1, 7: 1}, {8: -1, 9: 1, 4: 1, 7: 1}, {8: -1, 5: -1, 10: 1},
    {10: -1, 1: -1, 0: 1, 9: 1, 11: 1}, {10: -1, 0: -1, 12: 1}, {12: -1, 10: 1, 0: 1},
    {9: -1, 1: -1, 13: 1, 0: 1}, {13: -1, 6: 1, 4: 1}, {0: -1, 5: -1, 14: 1}, {2: -1, 3: 1}, {3: -1, 15: 1},
    {3: -1, 2: 1}, {15: -1, 5: 2}, {15: -1, 2: 1}, {16: -1, 5: -1, 17: 1, 4: 1}, {18: -1, 1: 1},
    {18: -1, 0: 1, 2: 1}, {0: -1, 3: -1, 18: 1}, {18: -1, 0: -1, 19: 1}, {19: -1, 18: 1, 0: 1},
]
POLLU_S = np.zeros((20, 25))
for m, terms in enumerate(POLLU_STOICHIOMETRY):
    for species, coefficient in terms.items():
        POLLU_S[species, m] = coefficient
POLLU_A = np.array([a for a, _ in POLLU_REACTANTS])
POLLU_B = np.array([b if b is not None else -1 for _, b in POLLU_REACTANTS])
POLLU_BIMOLECULAR = POLLU_B >= 0


def pollu_rates(y):
    second = np.where(POLLU_BIMOLECULAR, y[np.where(POLLU_BIMOLECULAR, POLLU_B, 0)], 1.0)
    return POLLU_K * y[POLLU_A] * second


def pollu_f(t, y):
    return POLLU_S @ pollu_rates(y)


def pollu_jac(t, y):
    # ∂r/∂y: r_m = k_m y_a y_b  ⇒  ∂r_m/∂y_a = k_m y_b, ∂r_m/∂y_b = k_m y_a
    D = np.zeros((25, 20))
    for m, (a, b) in enumerate(POLLU_REACTANTS):
        if b is None:
            D[m, a] += POLLU_K[m]
        else:
            D[m, a] += POLLU_K[m] * y[b]
            D[m, b] += POLLU_K[m] * y[a]
    return POLLU_S @ D


# ---- Oregonator (Hairer & Wanner II, IV.10 "OREGO")
OREGO_S, OREGO_Q, OREGO_W = 77.27, 8.375e-6, 0.161


def oregonator_f(t, y):
    return np.array([
        OREGO_S * (y[1] + y[0] * (1 - OREGO_Q * y[0] - y[1])),
        (y[2] - (1 + y[0]) * y[1]) / OREGO_S,
        OREGO_W * (y[0] - y[2]),
    ])


def oregonator_jac(t, y):
    return np.array([
        [OREGO_S * (1 - 2 * OREGO_Q * y[0] - y[1]), OREGO_S * (1 - y[0]), 0.0],
        [-y[1] / OREGO_S, -(1 + y[0]) / OREGO_S, 1 / OREGO_S],
        [OREGO_W, 0.0, -OREGO_W],
    ])


# ---- Arenstorf orbit (Hairer, Nørsett & Wanner I, II.0), state (x, y, x', y')
ARENSTORF_MU = 0.012277471


def arenstorf_f(t, u):
    mu, mu1 = ARENSTORF_MU, 1 - ARENSTORF_MU
    x, y, vx, vy = u
    d1 = ((x + mu) ** 2 + y * y) ** 1.5
    d2 = ((x - mu1) ** 2 + y * y) ** 1.5
    return np.array([vx, vy, x + 2 * vy - mu1 * (x + mu) / d1 - mu * (x - mu1) / d2,
                     y - 2 * vx - mu1 * y / d1 - mu * y / d2])


def arenstorf_jac(t, u):
    mu, mu1 = ARENSTORF_MU, 1 - ARENSTORF_MU
    x, y = u[0], u[1]
    a, b = x + mu, x - mu1
    r1s, r2s = a * a + y * y, b * b + y * y
    i3a, i3b = r1s ** -1.5, r2s ** -1.5
    i5a, i5b = i3a / r1s, i3b / r2s
    cross = 3 * y * (mu1 * a * i5a + mu * b * i5b)
    return np.array([
        [0.0, 0.0, 1.0, 0.0],
        [0.0, 0.0, 0.0, 1.0],
        [1 - mu1 * (i3a - 3 * a * a * i5a) - mu * (i3b - 3 * b * b * i5b), cross, 0.0, 2.0],
        [cross, 1 - mu1 * (i3a - 3 * y * y * i5a) - mu * (i3b - 3 * y * y * i5b), -2.0, 0.0],
    ])


# ---- Kepler two-body problem, eccentricity 0.5 (DETEST D3), state (q1, q2, p1, p2); y0 is the closed form at
# E = 0 evaluated with the same operations as Sources/ODEProblems, so the doubles are identical.
def kepler_f(t, u):
    r2 = u[0] * u[0] + u[1] * u[1]
    r3 = r2 * math.sqrt(r2)
    return np.array([u[2], u[3], -u[0] / r3, -u[1] / r3])


def kepler_jac(t, u):
    r2 = u[0] * u[0] + u[1] * u[1]
    r3 = r2 * math.sqrt(r2)
    r5 = r3 * r2
    cross = 3 * u[0] * u[1] / r5
    return np.array([
        [0.0, 0.0, 1.0, 0.0],
        [0.0, 0.0, 0.0, 1.0],
        [-1 / r3 + 3 * u[0] * u[0] / r5, cross, 0.0, 0.0],
        [cross, -1 / r3 + 3 * u[1] * u[1] / r5, 0.0, 0.0],
    ])


def kepler_y0(e=0.5):
    w, denominator = math.sqrt(1 - e * e), 1 - e * math.cos(0.0)
    return [math.cos(0.0) - e, w * math.sin(0.0), -math.sin(0.0) / denominator, w * math.cos(0.0) / denominator]


PROBLEMS = {p.name: p for p in [
    Problem("arenstorf", 0.0, 17.0652165601579625588917206249, [0.994, 0, 0, -2.00158510637908252240537862224],
            arenstorf_f, arenstorf_jac),
    Problem("kepler", 0.0, 20.0, kepler_y0(), kepler_f, kepler_jac),
    Problem("robertson", 0.0, 1e11, [1, 0, 0], robertson_f, robertson_jac),
    Problem("hires", 0.0, 321.8122, [1, 0, 0, 0, 0, 0, 0, 0.0057], hires_f, hires_jac),
    Problem("vanderpol1000", 0.0, 2.0, [2, 0], vanderpol_f, vanderpol_jac),
    Problem("pollution", 0.0, 60.0, [0, 0.2, 0, 0.04, 0, 0, 0.1, 0.3, 0.01, 0, 0, 0, 0, 0, 0, 0, 0.007, 0, 0, 0],
            pollu_f, pollu_jac),
    Problem("oregonator", 0.0, 360.0, [1, 2, 3], oregonator_f, oregonator_jac),
]}
IMPLICIT = {"Radau", "BDF", "LSODA"}
METHODS = ["Radau", "BDF", "LSODA", "DOP853", "RK45"]


def number(x):
    return x if x is not None and math.isfinite(x) else None


def solve(problem, method, rtol, atol, min_repeats):
    kwargs = {"jac": problem.jac} if method in IMPLICIT else {}
    best, total, repeats, sol = math.inf, 0.0, 0, None
    while repeats < min_repeats or (total < 0.1 and repeats < 1000):
        start = time.perf_counter()
        sol = solve_ivp(problem.f, (problem.t0, problem.t_end), problem.y0, method=method, rtol=rtol, atol=atol,
                        **kwargs)
        elapsed = time.perf_counter() - start
        best, total, repeats = min(best, elapsed), total + elapsed, repeats + 1
    accepted = len(sol.t) - 1
    return {
        "tool": "scipy", "problem": problem.name, "method": method, "rtol": rtol, "atol": atol,
        "return_code": "success" if sol.success else "failure: " + sol.message,
        # solve_ivp does not report rejected steps: steps are the accepted ones, rejected is unknown.
        "steps": accepted, "accepted": accepted, "rejected": None,
        "rhs_evals": int(sol.nfev), "jac_evals": int(sol.njev), "lu_factorizations": int(sol.nlu),
        "seconds": best, "repeats": repeats, "y_end": [float(v) for v in sol.y[:, -1]],
    }


def check_jacobians():
    """Largest relative mismatch of the analytic Jacobian against central differences (the better of two steps
    per entry), at y0 and at a state moved off y0; a wrong entry shows as O(1)."""
    for problem in PROBLEMS.values():
        n, worst = len(problem.y0), 0.0
        for trial in range(2):
            y = problem.y0 * (0.9 if trial else 1.0) + (0.01 * np.arange(1, n + 1) / n if trial else 0.0)
            J = problem.jac(problem.t0, y)
            scale = np.abs(J).max()
            for j in range(n):
                mismatch = np.full(n, np.inf)
                for relative_step in (1e-4, 1e-6):
                    h = relative_step * max(abs(y[j]), 1e-2)
                    e = np.zeros(n)
                    e[j] = h
                    fd = (problem.f(problem.t0, y + e) - problem.f(problem.t0, y - e)) / (2 * h)
                    mismatch = np.minimum(mismatch, np.abs(J[:, j] - fd) / (np.abs(J[:, j]) + 1e-8 * scale + 1e-300))
                worst = max(worst, float(mismatch.max()))
        print(json.dumps({"tool": "scipy", "problem": problem.name, "jacobian_vs_finite_differences": worst}))


def main(argv):
    if argv[:1] == ["describe"]:
        # f at the probe state y_j = 0.9·y0_j + 0.01·(j + 1)/n, t = t0 (as `hpgsim bench problems`)
        for p in PROBLEMS.values():
            n = len(p.y0)
            probe = [0.9 * float(v) + 0.01 * (j + 1) / n for j, v in enumerate(p.y0)]
            print(json.dumps({"tool": "scipy", "problem": p.name, "dimension": n, "t0": p.t0,
                              "t_end": p.t_end, "y0": [float(v) for v in p.y0], "probe_state": probe,
                              "f_probe": [float(v) for v in p.f(p.t0, np.array(probe))],
                              "scipy": scipy.__version__, "numpy": np.__version__}))
        return 0
    if argv[:1] == ["check-jacobians"]:
        check_jacobians()
        return 0
    if len(argv) >= 5 and argv[0] == "solve":
        min_repeats = 3
        if "--min-repeats" in argv:
            i = argv.index("--min-repeats")
            min_repeats = int(argv[i + 1])
            argv = argv[:i] + argv[i + 2:]
        name, rtol, atol, methods = argv[1], float(argv[2]), float(argv[3]), argv[4:]
        if name not in PROBLEMS:
            sys.exit(f"scipy_bench.py: unknown problem '{name}'; the problems are: {', '.join(PROBLEMS)}")
        for method in methods:
            if method not in METHODS:
                sys.exit(f"scipy_bench.py: unknown method '{method}'; the methods are: {', '.join(METHODS)}")
            print(json.dumps(solve(PROBLEMS[name], method, rtol, atol, min_repeats)), flush=True)
        return 0
    sys.exit("usage: scipy_bench.py solve PROBLEM RTOL ATOL METHOD... [--min-repeats N] | describe | check-jacobians")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
