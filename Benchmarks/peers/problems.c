/* Test problems for the CVODE comparator; see problems.h for sources and checks. */
#include "problems.h"

#include <math.h>
#include <string.h>

#define J_(i, j) J[(i) + (j) * n]

static void zero(double *J, int n) { memset(J, 0, sizeof(double) * (size_t)(n * n)); }

/* ---- Robertson (Bari test set "rober"): autocatalytic reaction, t in [0, 1e11]. */
static const double robertson_y0[] = {1, 0, 0};

static void robertson_f(double t, const double *y, double *f) {
    (void)t;
    f[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
    f[2] = 3e7 * y[1] * y[1];
    f[1] = -f[0] - f[2];
}

static void robertson_jac(double t, const double *y, double *J) {
    (void)t;
    const int n = 3;
    zero(J, n);
    J_(0, 0) = -0.04;  J_(0, 1) = 1e4 * y[2];              J_(0, 2) = 1e4 * y[1];
    J_(1, 0) = 0.04;   J_(1, 1) = -1e4 * y[2] - 6e7 * y[1]; J_(1, 2) = -1e4 * y[1];
                       J_(2, 1) = 6e7 * y[1];
}

/* ---- HIRES (Bari "hires"): plant physiology, 8 species, t in [0, 321.8122]. */
static const double hires_y0[] = {1, 0, 0, 0, 0, 0, 0, 0.0057};

static void hires_f(double t, const double *y, double *f) {
    (void)t;
    f[0] = -1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007;
    f[1] = 1.71 * y[0] - 8.75 * y[1];
    f[2] = -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4];
    f[3] = 8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3];
    f[4] = -1.745 * y[4] + 0.43 * (y[5] + y[6]);
    f[5] = -280 * y[5] * y[7] + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6];
    f[6] = 280 * y[5] * y[7] - 1.81 * y[6];
    f[7] = -f[6];
}

static void hires_jac(double t, const double *y, double *J) {
    (void)t;
    const int n = 8;
    zero(J, n);
    J_(0, 0) = -1.71; J_(0, 1) = 0.43; J_(0, 2) = 8.32;
    J_(1, 0) = 1.71;  J_(1, 1) = -8.75;
    J_(2, 2) = -10.03; J_(2, 3) = 0.43; J_(2, 4) = 0.035;
    J_(3, 1) = 8.32;  J_(3, 2) = 1.71; J_(3, 3) = -1.12;
    J_(4, 4) = -1.745; J_(4, 5) = 0.43; J_(4, 6) = 0.43;
    J_(5, 3) = 0.69;  J_(5, 4) = 1.71; J_(5, 5) = -280 * y[7] - 0.43; J_(5, 6) = 0.69; J_(5, 7) = -280 * y[5];
    J_(6, 5) = 280 * y[7];  J_(6, 6) = -1.81; J_(6, 7) = 280 * y[5];
    J_(7, 5) = -280 * y[7]; J_(7, 6) = 1.81;  J_(7, 7) = -280 * y[5];
}

/* ---- Van der Pol (Bari "vdpol"), scaled form with ε = 1e-6 (μ = 1000, ε = 1/μ²), t in [0, 2]. */
static const double vanderpol_y0[] = {2, 0};
static const double vanderpol_epsilon = 1e-6;

static void vanderpol_f(double t, const double *y, double *f) {
    (void)t;
    f[0] = y[1];
    f[1] = ((1 - y[0] * y[0]) * y[1] - y[0]) / vanderpol_epsilon;
}

static void vanderpol_jac(double t, const double *y, double *J) {
    (void)t;
    const int n = 2;
    J_(0, 0) = 0;
    J_(0, 1) = 1;
    J_(1, 0) = (-2 * y[0] * y[1] - 1) / vanderpol_epsilon;
    J_(1, 1) = (1 - y[0] * y[0]) / vanderpol_epsilon;
}

/* ---- POLLU (Bari "pollu"; Verwer 1994): 20 species, 25 reactions, t in [0, 60].
 * Reaction m has rate r_m = k_m · y_a (· y_b); the right-hand side is hand-expanded as in the test set,
 * the Jacobian is built from the same reactions as data (rate constant, reactants, stoichiometry). */
static const double pollu_k[25] = {
    0.35, 26.6, 1.23e4, 8.6e-4, 8.2e-4, 1.5e4, 1.3e-4, 2.4e4, 1.65e4, 9e3, 0.022, 1.2e4, 1.88,
    1.63e4, 4.8e6, 3.5e-4, 0.0175, 1e8, 4.44e11, 1240, 2.1, 5.78, 0.0474, 1780, 3.12};
static const double pollu_y0[20] = {0, 0.2, 0, 0.04, 0, 0, 0.1, 0.3, 0.01, 0, 0, 0, 0, 0, 0, 0, 0.007, 0, 0, 0};

static void pollu_f(double t, const double *y, double *f) {
    (void)t;
    const double *k = pollu_k;
    double r[25];
    r[0] = k[0] * y[0];
    r[1] = k[1] * y[1] * y[3];
    r[2] = k[2] * y[4] * y[1];
    r[3] = k[3] * y[6];
    r[4] = k[4] * y[6];
    r[5] = k[5] * y[6] * y[5];
    r[6] = k[6] * y[8];
    r[7] = k[7] * y[8] * y[5];
    r[8] = k[8] * y[10] * y[1];
    r[9] = k[9] * y[10] * y[0];
    r[10] = k[10] * y[12];
    r[11] = k[11] * y[9] * y[1];
    r[12] = k[12] * y[13];
    r[13] = k[13] * y[0] * y[5];
    r[14] = k[14] * y[2];
    r[15] = k[15] * y[3];
    r[16] = k[16] * y[3];
    r[17] = k[17] * y[15];
    r[18] = k[18] * y[15];
    r[19] = k[19] * y[16] * y[5];
    r[20] = k[20] * y[18];
    r[21] = k[21] * y[18];
    r[22] = k[22] * y[0] * y[3];
    r[23] = k[23] * y[18] * y[0];
    r[24] = k[24] * y[19];
    f[0] = -r[0] - r[9] - r[13] - r[22] - r[23] + r[1] + r[2] + r[8] + r[10] + r[11] + r[21] + r[24];
    f[1] = -r[1] - r[2] - r[8] - r[11] + r[0] + r[20];
    f[2] = -r[14] + r[0] + r[16] + r[18] + r[21];
    f[3] = -r[1] - r[15] - r[16] - r[22] + r[14];
    f[4] = -r[2] + 2 * r[3] + r[5] + r[6] + r[12] + r[19];
    f[5] = -r[5] - r[7] - r[13] - r[19] + r[2] + 2 * r[17];
    f[6] = -r[3] - r[4] - r[5] + r[12];
    f[7] = r[3] + r[4] + r[5] + r[6];
    f[8] = -r[6] - r[7];
    f[9] = -r[11] + r[6] + r[8];
    f[10] = -r[8] - r[9] + r[7] + r[10];
    f[11] = r[8];
    f[12] = -r[10] + r[9];
    f[13] = -r[12] + r[11];
    f[14] = r[13];
    f[15] = -r[17] - r[18] + r[15];
    f[16] = -r[19];
    f[17] = r[19];
    f[18] = -r[20] - r[21] - r[23] + r[22] + r[24];
    f[19] = -r[24] + r[23];
}

/* Reactants (a, b; b = -1 for first order) and net stoichiometry of each reaction, from the
 * reaction list of the test set (r1: NO2 → NO + O3P, …); species numbered from 0. */
static const int pollu_reactants[25][2] = {
    {0, -1}, {1, 3}, {4, 1}, {6, -1}, {6, -1}, {6, 5}, {8, -1}, {8, 5}, {10, 1}, {10, 0}, {12, -1}, {9, 1},
    {13, -1}, {0, 5}, {2, -1}, {3, -1}, {3, -1}, {15, -1}, {15, -1}, {16, 5}, {18, -1}, {18, -1}, {0, 3},
    {18, 0}, {19, -1}};
typedef struct { int species; double coefficient; } pollu_term;
static const pollu_term pollu_stoichiometry[25][6] = {
    {{0, -1}, {1, 1}, {2, 1}, {-1, 0}},
    {{1, -1}, {3, -1}, {0, 1}, {-1, 0}},
    {{4, -1}, {1, -1}, {0, 1}, {5, 1}, {-1, 0}},
    {{6, -1}, {4, 2}, {7, 1}, {-1, 0}},
    {{6, -1}, {7, 1}, {-1, 0}},
    {{6, -1}, {5, -1}, {4, 1}, {7, 1}, {-1, 0}},
    {{8, -1}, {9, 1}, {4, 1}, {7, 1}, {-1, 0}},
    {{8, -1}, {5, -1}, {10, 1}, {-1, 0}},
    {{10, -1}, {1, -1}, {0, 1}, {9, 1}, {11, 1}, {-1, 0}},
    {{10, -1}, {0, -1}, {12, 1}, {-1, 0}},
    {{12, -1}, {10, 1}, {0, 1}, {-1, 0}},
    {{9, -1}, {1, -1}, {13, 1}, {0, 1}, {-1, 0}},
    {{13, -1}, {6, 1}, {4, 1}, {-1, 0}},
    {{0, -1}, {5, -1}, {14, 1}, {-1, 0}},
    {{2, -1}, {3, 1}, {-1, 0}},
    {{3, -1}, {15, 1}, {-1, 0}},
    {{3, -1}, {2, 1}, {-1, 0}},
    {{15, -1}, {5, 2}, {-1, 0}},
    {{15, -1}, {2, 1}, {-1, 0}},
    {{16, -1}, {5, -1}, {17, 1}, {4, 1}, {-1, 0}},
    {{18, -1}, {1, 1}, {-1, 0}},
    {{18, -1}, {0, 1}, {2, 1}, {-1, 0}},
    {{0, -1}, {3, -1}, {18, 1}, {-1, 0}},
    {{18, -1}, {0, -1}, {19, 1}, {-1, 0}},
    {{19, -1}, {18, 1}, {0, 1}, {-1, 0}},
};

static void pollu_jac(double t, const double *y, double *J) {
    (void)t;
    const int n = 20;
    zero(J, n);
    for (int m = 0; m < 25; m++) {
        const int a = pollu_reactants[m][0], b = pollu_reactants[m][1];
        /* ∂r_m/∂y_a and ∂r_m/∂y_b */
        const double dra = b < 0 ? pollu_k[m] : pollu_k[m] * y[b];
        const double drb = b < 0 ? 0 : pollu_k[m] * y[a];
        for (const pollu_term *s = pollu_stoichiometry[m]; s->species >= 0; s++) {
            J_(s->species, a) += s->coefficient * dra;
            if (b >= 0) J_(s->species, b) += s->coefficient * drb;
        }
    }
}

/* ---- Oregonator (Hairer & Wanner II, IV.10 "OREGO"; Field & Noyes 1974), t in [0, 360]. */
static const double oregonator_y0[] = {1, 2, 3};
static const double orego_s = 77.27, orego_q = 8.375e-6, orego_w = 0.161;

static void oregonator_f(double t, const double *y, double *f) {
    (void)t;
    f[0] = orego_s * (y[1] + y[0] * (1 - orego_q * y[0] - y[1]));
    f[1] = (y[2] - (1 + y[0]) * y[1]) / orego_s;
    f[2] = orego_w * (y[0] - y[2]);
}

static void oregonator_jac(double t, const double *y, double *J) {
    (void)t;
    const int n = 3;
    J_(0, 0) = orego_s * (1 - 2 * orego_q * y[0] - y[1]); J_(0, 1) = orego_s * (1 - y[0]); J_(0, 2) = 0;
    J_(1, 0) = -y[1] / orego_s; J_(1, 1) = -(1 + y[0]) / orego_s; J_(1, 2) = 1 / orego_s;
    J_(2, 0) = orego_w;         J_(2, 1) = 0;                     J_(2, 2) = -orego_w;
}

/* ---- Arenstorf orbit (Hairer, Nørsett & Wanner I, II.0, eq. 0.1): restricted three-body problem,
 * state (x, y, x', y'), one period T, after which the orbit returns to its initial state. */
static const double arenstorf_mu = 0.012277471;
static const double arenstorf_y0[] = {0.994, 0, 0, -2.00158510637908252240537862224};

static void arenstorf_f(double t, const double *u, double *f) {
    (void)t;
    const double mu = arenstorf_mu, mu1 = 1 - mu;
    const double x = u[0], y = u[1], vx = u[2], vy = u[3];
    const double r1 = sqrt((x + mu) * (x + mu) + y * y), r2 = sqrt((x - mu1) * (x - mu1) + y * y);
    const double d1 = r1 * r1 * r1, d2 = r2 * r2 * r2;
    f[0] = vx;
    f[1] = vy;
    f[2] = x + 2 * vy - mu1 * (x + mu) / d1 - mu * (x - mu1) / d2;
    f[3] = y - 2 * vx - mu1 * y / d1 - mu * y / d2;
}

static void arenstorf_jac(double t, const double *u, double *J) {
    (void)t;
    const int n = 4;
    const double mu = arenstorf_mu, mu1 = 1 - mu;
    const double x = u[0], y = u[1];
    const double a = x + mu, b = x - mu1;
    const double r1s = a * a + y * y, r2s = b * b + y * y;
    const double i3a = 1 / (r1s * sqrt(r1s)), i5a = i3a / r1s;  /* 1/r1³, 1/r1⁵ */
    const double i3b = 1 / (r2s * sqrt(r2s)), i5b = i3b / r2s;
    zero(J, n);
    J_(0, 2) = 1;
    J_(1, 3) = 1;
    J_(2, 0) = 1 - mu1 * (i3a - 3 * a * a * i5a) - mu * (i3b - 3 * b * b * i5b);
    J_(2, 1) = 3 * y * (mu1 * a * i5a + mu * b * i5b);
    J_(2, 3) = 2;
    J_(3, 0) = J_(2, 1);
    J_(3, 1) = 1 - mu1 * (i3a - 3 * y * y * i5a) - mu * (i3b - 3 * y * y * i5b);
    J_(3, 2) = -2;
}

/* ---- Kepler two-body problem q'' = −q/|q|³, eccentricity 0.5 (DETEST D3, Hull et al. 1972; Hairer, Nørsett
 * & Wanner I, II.10), state (q1, q2, p1, p2), t in [0, 20]; q(0) = (1 − e, 0), p(0) = (0, √(1 − e²)/(1 − e)),
 * written as the closed form at E = 0 is evaluated in Sources/ODEProblems so the doubles are identical. */
static double kepler_y0[4];

static void kepler_f(double t, const double *u, double *f) {
    (void)t;
    const double r2 = u[0] * u[0] + u[1] * u[1], r3 = r2 * sqrt(r2);
    f[0] = u[2];
    f[1] = u[3];
    f[2] = -u[0] / r3;
    f[3] = -u[1] / r3;
}

static void kepler_jac(double t, const double *u, double *J) {
    (void)t;
    const int n = 4;
    const double r2 = u[0] * u[0] + u[1] * u[1], r3 = r2 * sqrt(r2), r5 = r3 * r2;
    zero(J, n);
    J_(0, 2) = 1;
    J_(1, 3) = 1;
    J_(2, 0) = -1 / r3 + 3 * u[0] * u[0] / r5;
    J_(2, 1) = 3 * u[0] * u[1] / r5;
    J_(3, 0) = J_(2, 1);
    J_(3, 1) = -1 / r3 + 3 * u[1] * u[1] / r5;
}

__attribute__((constructor)) static void kepler_initial_state(void) {
    const double e = 0.5, w = sqrt(1 - e * e), denominator = 1 - e * cos(0.0);
    kepler_y0[0] = cos(0.0) - e;
    kepler_y0[1] = w * sin(0.0);
    kepler_y0[2] = -sin(0.0) / denominator;
    kepler_y0[3] = w * cos(0.0) / denominator;
}

const peer_problem peer_problems[] = {
    {"arenstorf", 4, 0, 17.0652165601579625588917206249, arenstorf_y0, arenstorf_f, arenstorf_jac},
    {"kepler", 4, 0, 20, kepler_y0, kepler_f, kepler_jac},
    {"robertson", 3, 0, 1e11, robertson_y0, robertson_f, robertson_jac},
    {"hires", 8, 0, 321.8122, hires_y0, hires_f, hires_jac},
    {"vanderpol1000", 2, 0, 2, vanderpol_y0, vanderpol_f, vanderpol_jac},
    {"pollution", 20, 0, 60, pollu_y0, pollu_f, pollu_jac},
    {"oregonator", 3, 0, 360, oregonator_y0, oregonator_f, oregonator_jac},
};
const int peer_problem_count = sizeof(peer_problems) / sizeof(peer_problems[0]);

const peer_problem *peer_problem_named(const char *name) {
    for (int i = 0; i < peer_problem_count; i++)
        if (strcmp(peer_problems[i].name, name) == 0) return &peer_problems[i];
    return NULL;
}
