/* CVODE comparator for `hpgsim bench solvers`, scalar rtol/atol, output at the end point only:
 *   bdf    BDF orders 1–5, Newton iteration with the dense direct linear solver and the analytic Jacobian;
 *   adams  Adams–Moulton orders 1–12 with fixed-point iteration (CVODE's non-stiff method).
 * Written against SUNDIALS 6.x (Debian libsundials-dev 6.4.1): SUNContext, N_Vector serial, SUNDenseMatrix,
 * SUNLinSol_Dense, SUNNonlinSol_FixedPoint.
 *
 *   cvode_bench solve PROBLEM RTOL ATOL [MIN_REPEATS [bdf|adams]]   one JSON line, same fields as hpgsim's
 *   cvode_bench describe                                one JSON line per problem (dimension, span, y0)
 *   cvode_bench check-jacobians                         analytic vs finite-difference Jacobians
 *
 * Timing: best of at least MIN_REPEATS complete solves (setup included, as in hpgsim's), repeated until
 * 0.1 s of solving has accumulated, at most 1000, on CLOCK_MONOTONIC. */
#define _POSIX_C_SOURCE 199309L
#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_config.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>
#include <sunnonlinsol/sunnonlinsol_fixedpoint.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "problems.h"

typedef struct {
    int flag;
    long steps, rhs_evals, jac_evals, lu_factorizations, error_test_failures, newton_iterations, newton_failures;
    double y_end[64];
} cvode_run;

static int rhs(sunrealtype t, N_Vector y, N_Vector dydt, void *data) {
    const peer_problem *p = data;
    p->f(t, N_VGetArrayPointer(y), N_VGetArrayPointer(dydt));
    return 0;
}

/* SUNDenseMatrix stores columns contiguously (column-major, leading dimension n), like problems.c. */
static int jacobian(sunrealtype t, N_Vector y, N_Vector fy, SUNMatrix J, void *data, N_Vector t1, N_Vector t2,
                    N_Vector t3) {
    (void)fy; (void)t1; (void)t2; (void)t3;
    const peer_problem *p = data;
    p->jac(t, N_VGetArrayPointer(y), SUNDenseMatrix_Data(J));
    return 0;
}

static cvode_run solve_once(const peer_problem *p, double rtol, double atol, int adams) {
    cvode_run run = {0};
    SUNContext ctx;
    SUNContext_Create(NULL, &ctx);
    N_Vector y = N_VNew_Serial(p->n, ctx);
    memcpy(N_VGetArrayPointer(y), p->y0, sizeof(double) * (size_t)p->n);
    void *mem = CVodeCreate(adams ? CV_ADAMS : CV_BDF, ctx);
    SUNMatrix A = NULL;
    SUNLinearSolver LS = NULL;
    SUNNonlinearSolver NLS = NULL;
    CVodeInit(mem, rhs, p->t0, y);
    CVodeSStolerances(mem, rtol, atol);
    CVodeSetUserData(mem, (void *)p);
    if (adams) {
        NLS = SUNNonlinSol_FixedPoint(y, 0, ctx);
        CVodeSetNonlinearSolver(mem, NLS);
    } else {
        A = SUNDenseMatrix(p->n, p->n, ctx);
        LS = SUNLinSol_Dense(y, A, ctx);
        CVodeSetLinearSolver(mem, LS, A);
        CVodeSetJacFn(mem, jacobian);
    }
    CVodeSetMaxNumSteps(mem, 100000);  /* hpgsim's default maxSteps */
    CVodeSetStopTime(mem, p->t_end);
    double t = p->t0;
    run.flag = CVode(mem, p->t_end, y, &t, CV_NORMAL);
    CVodeGetNumSteps(mem, &run.steps);
    CVodeGetNumRhsEvals(mem, &run.rhs_evals);
    if (!adams) {
        CVodeGetNumJacEvals(mem, &run.jac_evals);
        CVodeGetNumLinSolvSetups(mem, &run.lu_factorizations);
    }
    CVodeGetNumErrTestFails(mem, &run.error_test_failures);
    CVodeGetNumNonlinSolvIters(mem, &run.newton_iterations);
    CVodeGetNumNonlinSolvConvFails(mem, &run.newton_failures);
    memcpy(run.y_end, N_VGetArrayPointer(y), sizeof(double) * (size_t)p->n);
    CVodeFree(&mem);
    if (NLS) SUNNonlinSolFree(NLS);
    if (LS) SUNLinSolFree(LS);
    if (A) SUNMatDestroy(A);
    N_VDestroy(y);
    SUNContext_Free(&ctx);
    return run;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void print_array(const double *x, int n) {
    putchar('[');
    for (int i = 0; i < n; i++) printf(i ? ",%.17g" : "%.17g", x[i]);
    putchar(']');
}

static int command_solve(const peer_problem *p, double rtol, double atol, int min_repeats, int adams) {
    cvode_run run = {0};
    double best = INFINITY, total = 0;
    int repeats = 0;
    while (repeats < min_repeats || (total < 0.1 && repeats < 1000)) {
        const double start = now_seconds();
        run = solve_once(p, rtol, atol, adams);
        const double elapsed = now_seconds() - start;
        best = elapsed < best ? elapsed : best;
        total += elapsed;
        repeats++;
    }
    /* CVODE counts a step attempt that failed the error test or the Newton iteration as a failure, not a
     * step; "steps" here are attempts, as in hpgsim: accepted + rejected. */
    const long rejected = run.error_test_failures + run.newton_failures;
    printf("{\"tool\":\"cvode\",\"problem\":\"%s\",\"method\":\"%s\",\"rtol\":%.17g,\"atol\":%.17g,"
           "\"return_code\":\"%s\",\"steps\":%ld,\"accepted\":%ld,\"rejected\":%ld,\"rhs_evals\":%ld,"
           "\"jac_evals\":%ld,\"lu_factorizations\":%ld,\"newton_iterations\":%ld,\"newton_failures\":%ld,"
           "\"seconds\":%.9g,\"repeats\":%d,\"y_end\":",
           p->name, adams ? "adams" : "bdf", rtol, atol, run.flag >= 0 ? "success" : CVodeGetReturnFlagName(run.flag),
           run.steps + rejected, run.steps, rejected, run.rhs_evals, run.jac_evals, run.lu_factorizations,
           run.newton_iterations, run.newton_failures, best, repeats);
    print_array(run.y_end, p->n);
    printf("}\n");
    return run.flag >= 0 ? 0 : 1;
}

/* The problem's definition, and f at the probe state y_j = 0.9·y0_j + 0.01·(j + 1)/n, t = t0 (the same
 * formula as `hpgsim bench problems`, so that compare.py can require f to agree to rounding). */
static void command_describe(void) {
    for (int i = 0; i < peer_problem_count; i++) {
        const peer_problem *p = &peer_problems[i];
        double probe[64], f[64];
        for (int j = 0; j < p->n; j++) probe[j] = 0.9 * p->y0[j] + 0.01 * (double)(j + 1) / (double)p->n;
        p->f(p->t0, probe, f);
        printf("{\"tool\":\"cvode\",\"problem\":\"%s\",\"dimension\":%d,\"t0\":%.17g,\"t_end\":%.17g,\"y0\":",
               p->name, p->n, p->t0, p->t_end);
        print_array(p->y0, p->n);
        printf(",\"probe_state\":");
        print_array(probe, p->n);
        printf(",\"f_probe\":");
        print_array(f, p->n);
        printf(",\"sundials\":\"%s\"}\n", SUNDIALS_VERSION);
    }
}

/* Largest |J_analytic − J_fd| / (|J_analytic| + 1e-8·max|J|) at y0 and at a state moved off y0. J_fd is a
 * central difference; each entry takes the better of two steps (1e-4 and 1e-6 times max(|y_j|, 1e-2)), so
 * that neither truncation nor round-off error is mistaken for a wrong entry. A wrong entry shows as O(1). */
static void command_check_jacobians(void) {
    for (int i = 0; i < peer_problem_count; i++) {
        const peer_problem *p = &peer_problems[i];
        const int n = p->n;
        double y[64], yp[64], ym[64], fp[64], fm[64], J[64 * 64], mismatch[64], worst = 0;
        for (int trial = 0; trial < 2; trial++) {
            for (int j = 0; j < n; j++) y[j] = p->y0[j] * (trial ? 0.9 : 1) + (trial ? 0.01 * (j + 1) / n : 0);
            p->jac(p->t0, y, J);
            double scale = 0;
            for (int k = 0; k < n * n; k++) scale = fmax(scale, fabs(J[k]));
            for (int j = 0; j < n; j++) {
                for (int r = 0; r < n; r++) mismatch[r] = INFINITY;
                for (double relative_step = 1e-4; relative_step > 1e-7; relative_step *= 1e-2) {
                    const double h = relative_step * fmax(fabs(y[j]), 1e-2);
                    memcpy(yp, y, sizeof(double) * (size_t)n);
                    memcpy(ym, y, sizeof(double) * (size_t)n);
                    yp[j] += h;
                    ym[j] -= h;
                    p->f(p->t0, yp, fp);
                    p->f(p->t0, ym, fm);
                    for (int r = 0; r < n; r++) {
                        const double fd = (fp[r] - fm[r]) / (2 * h), a = J[r + j * n];
                        mismatch[r] = fmin(mismatch[r], fabs(a - fd) / (fabs(a) + 1e-8 * scale + 1e-300));
                    }
                }
                for (int r = 0; r < n; r++) worst = fmax(worst, mismatch[r]);
            }
        }
        printf("{\"tool\":\"cvode\",\"problem\":\"%s\",\"jacobian_vs_finite_differences\":%.3g}\n", p->name, worst);
    }
}

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "describe") == 0) { command_describe(); return 0; }
    if (argc >= 2 && strcmp(argv[1], "check-jacobians") == 0) { command_check_jacobians(); return 0; }
    if (argc >= 5 && strcmp(argv[1], "solve") == 0) {
        const peer_problem *p = peer_problem_named(argv[2]);
        if (!p) {
            fprintf(stderr, "cvode_bench: unknown problem '%s'; the problems are:", argv[2]);
            for (int i = 0; i < peer_problem_count; i++) fprintf(stderr, " %s", peer_problems[i].name);
            fprintf(stderr, "\n");
            return 2;
        }
        const int adams = argc >= 7 && strcmp(argv[6], "adams") == 0;
        if (argc >= 7 && !adams && strcmp(argv[6], "bdf") != 0) {
            fprintf(stderr, "cvode_bench: unknown method '%s'; the methods are: bdf adams\n", argv[6]);
            return 2;
        }
        return command_solve(p, atof(argv[3]), atof(argv[4]), argc >= 6 ? atoi(argv[5]) : 5, adams);
    }
    fprintf(stderr, "usage: cvode_bench solve PROBLEM RTOL ATOL [MIN_REPEATS [bdf|adams]] | describe | "
                    "check-jacobians\n");
    return 2;
}
