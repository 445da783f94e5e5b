import CLAPACK

/// The singular values and right singular vectors of an m×n matrix, A = U·Σ·Vᵀ (LAPACK `dgesvd`).
struct SingularValueDecomposition {
    /// σ₁ ≥ σ₂ ≥ … ≥ σₙ ≥ 0: n values; when m < n the last n − m are exactly zero (A has a null space of
    /// dimension at least n − m).
    let singularValues: [Double]
    /// V, n×n: column k is the right singular vector v_k of σ_k.
    let rightVectors: DenseMatrix

    init(_ matrix: DenseMatrix) throws(FittingError) {
        let n = matrix.columns
        var a = matrix.elements
        var s = [Double](repeating: 0, count: max(1, min(matrix.rows, n)))
        var vt = [Double](repeating: 0, count: max(1, n * n))
        var u = [0.0]
        var jobu: CChar = 78, jobvt: CChar = 65  // "N", "A"
        var mm = Int32(matrix.rows), nn = Int32(n), lda = Int32(max(1, matrix.rows))
        var ldu: Int32 = 1, ldvt = Int32(max(1, n)), info: Int32 = 0
        var lwork: Int32 = -1
        var query = 0.0
        dgesvd_(&jobu, &jobvt, &mm, &nn, &a, &lda, &s, &u, &ldu, &vt, &ldvt, &query, &lwork, &info)
        if info == 0 {
            lwork = Int32(query)
            var work = [Double](repeating: 0, count: max(1, Int(lwork)))
            dgesvd_(&jobu, &jobvt, &mm, &nn, &a, &lda, &s, &u, &ldu, &vt, &ldvt, &work, &lwork, &info)
        }
        guard info == 0 else { throw .lapackFailed(routine: "dgesvd", info: Int(info)) }
        singularValues = Array(s.prefix(min(matrix.rows, n))) + [Double](repeating: 0, count: max(0, n - matrix.rows))
        var v = DenseMatrix(rows: n, columns: n)
        for i in 0..<n { for k in 0..<n { v[i, k] = vt[k + i * n] } }  // V = (Vᵀ)ᵀ
        rightVectors = v
    }
}
