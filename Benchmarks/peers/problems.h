/* The standard test problems, transcribed for the CVODE comparator from the same sources as
 * Sources/ODEProblems (Bari IVP test set: Mazzia & Magherini, release 2.4, 2008; Hairer & Wanner,
 * Solving ODEs II, section IV.10; Hairer, Nørsett & Wanner, Solving ODEs I, section II.0).
 * compare.py checks initial values and time spans against `hpgsim bench problems --json`, the
 * end points against the published references, and each Jacobian against finite differences.
 *
 * f and J write into plain column-major arrays: J[i + j*n] = ∂f_i/∂y_j. */
#ifndef HPGSIM_PEER_PROBLEMS_H
#define HPGSIM_PEER_PROBLEMS_H

typedef void (*peer_rhs)(double t, const double *y, double *dydt);
typedef void (*peer_jac)(double t, const double *y, double *J);

typedef struct {
    const char *name;
    int n;
    double t0, t_end;
    const double *y0;
    peer_rhs f;
    peer_jac jac;
} peer_problem;

extern const peer_problem peer_problems[];
extern const int peer_problem_count;

const peer_problem *peer_problem_named(const char *name);

#endif
