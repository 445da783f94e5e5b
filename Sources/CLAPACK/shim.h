// Fortran LAPACK entry points used by hpgsim (Debian liblapack-dev, reference or OpenBLAS).
// Only ODE/DenseLU.swift calls these.
#ifndef HPGSIM_CLAPACK_SHIM_H
#define HPGSIM_CLAPACK_SHIM_H

/// LU factorisation with partial pivoting of a general M×N matrix (column-major).
void dgetrf_(const int *m, const int *n, double *a, const int *lda, int *ipiv, int *info);

/// The same factorisation by the unblocked (level-2 BLAS) algorithm; faster than dgetrf for small matrices.
void dgetf2_(const int *m, const int *n, double *a, const int *lda, int *ipiv, int *info);

/// Solve A·X = B or Aᵀ·X = B with the LU factors from dgetrf.
void dgetrs_(const char *trans, const int *n, const int *nrhs, const double *a, const int *lda,
             const int *ipiv, double *b, const int *ldb, int *info);

#endif
