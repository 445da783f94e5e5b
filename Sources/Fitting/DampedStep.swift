import CLAPACK

/// The Levenberg–Marquardt step δ for damping λ > 0 and scale D = diag(d):
///
///     δ = argmin ‖J·δ + r‖² + λ‖D·δ‖²,  i.e.  (JᵀJ + λD²)·δ = −Jᵀr,
///
/// solved as the linear least-squares problem [J; √λ·D]·δ ≈ [−r; 0] by Householder QR (LAPACK `dgels`), so JᵀJ
/// is never formed and the condition number is κ(J), not κ(J)² (Moré 1978, §3; Nocedal & Wright §10.3).
///
/// Returns nil when LAPACK finds the stacked matrix rank-deficient (possible only when λ·d_j² underflows) or
/// the step is not finite; the caller then raises the damping.
func dampedStep(jacobian: DenseMatrix, residuals: [Double], damping: Double, scale: [Double]) -> [Double]? {
    let m = jacobian.rows, n = jacobian.columns, rows = m + n
    var a = [Double](repeating: 0, count: rows * n)
    let root = damping.squareRoot()
    for j in 0..<n {
        for i in 0..<m { a[i + j * rows] = jacobian[i, j] }
        a[m + j + j * rows] = root * scale[j]
    }
    var b = residuals.map { -$0 } + [Double](repeating: 0, count: n)

    var trans: CChar = 78  // "N"
    var mm = Int32(rows), nn = Int32(n), nrhs: Int32 = 1, lda = Int32(rows), ldb = Int32(rows), info: Int32 = 0
    var lwork: Int32 = -1
    var query = 0.0
    dgels_(&trans, &mm, &nn, &nrhs, &a, &lda, &b, &ldb, &query, &lwork, &info)
    guard info == 0 else { return nil }
    lwork = Int32(query)
    var work = [Double](repeating: 0, count: max(1, Int(lwork)))
    dgels_(&trans, &mm, &nn, &nrhs, &a, &lda, &b, &ldb, &work, &lwork, &info)
    guard info == 0 else { return nil }
    let step = Array(b[0..<n])
    return step.allSatisfy(\.isFinite) ? step : nil
}
