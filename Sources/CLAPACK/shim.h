// Fortran LAPACK entry points used by hpgsim (Debian liblapack-dev, reference or OpenBLAS).
// ODE/DenseLU.swift calls the LU routines, ODE/LinearBlock.swift dgeev; Fitting calls dgels (damped steps) and dgesvd (uncertainty);
// Population calls dpotrf (the covariance of between-subject variability).
#ifndef HPGSIM_CLAPACK_SHIM_H
#define HPGSIM_CLAPACK_SHIM_H

/// LU factorisation with partial pivoting of a general M×N matrix (column-major).
void dgetrf_(const int *m, const int *n, double *a, const int *lda, int *ipiv, int *info);

/// The same factorisation by the unblocked (level-2 BLAS) algorithm; faster than dgetrf for small matrices.
void dgetf2_(const int *m, const int *n, double *a, const int *lda, int *ipiv, int *info);

/// Solve A·X = B or Aᵀ·X = B with the LU factors from dgetrf.
void dgetrs_(const char *trans, const int *n, const int *nrhs, const double *a, const int *lda,
             const int *ipiv, double *b, const int *ldb, int *info);

/// Least-squares solution of an overdetermined full-rank system, min ‖B − A·X‖₂, through the QR
/// factorisation of the M×N matrix A (M ≥ N, column-major; trans = "N"). On exit the first N rows of B hold X
/// and A holds the factors. lwork = −1 queries the optimal workspace size into work[0]. info > 0: R(info, info)
/// is exactly zero, A does not have full rank.
void dgels_(const char *trans, const int *m, const int *n, const int *nrhs, double *a, const int *lda,
            double *b, const int *ldb, double *work, const int *lwork, int *info);

/// Singular value decomposition A = U·Σ·Vᵀ of a general M×N matrix (column-major): s receives the
/// min(M, N) singular values in descending order; jobu/jobvt = "A" (all columns of U / rows of Vᵀ), "S"
/// (the first min(M, N)), "N" (none). A is destroyed. lwork = −1 queries the workspace size into work[0].
/// info > 0: the bidiagonal QR iteration did not converge.
void dgesvd_(const char *jobu, const char *jobvt, const int *m, const int *n, double *a, const int *lda,
             double *s, double *u, const int *ldu, double *vt, const int *ldvt, double *work,
             const int *lwork, int *info);

/// Cholesky factorisation A = L·Lᵀ (uplo = "L") of a symmetric positive-definite N×N matrix (column-major);
/// the lower triangle of A is overwritten with L. info = k > 0: the leading k×k minor is not positive definite.
/// Population/Cholesky.swift calls it.
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);

/// Eigenvalues (wr + i·wi) and, with jobvr = "V", right eigenvectors (columns of vr) of a general N×N matrix
/// (column-major; jobvl = "N": no left eigenvectors). A is destroyed. A real eigenvalue's eigenvector is one
/// column of vr, normalised to Euclidean norm 1. lwork = −1 queries the workspace size into work[0]. info > 0:
/// the QR algorithm did not converge.
void dgeev_(const char *jobvl, const char *jobvr, const int *n, double *a, const int *lda, double *wr,
            double *wi, double *vl, const int *ldvl, double *vr, const int *ldvr, double *work,
            const int *lwork, int *info);

#endif
