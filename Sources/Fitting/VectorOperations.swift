/// The few vector operations the iteration needs (sizes are small: m ≈ 10², n ≈ 10).

func dot(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
}

/// ‖a‖₂, scaled by the largest |a_i| so that it neither overflows nor underflows.
func norm(_ a: [Double]) -> Double {
    let largest = a.reduce(0) { max($0, abs($1)) }
    guard largest > 0, largest.isFinite else { return largest }
    return largest * a.reduce(0) { $0 + ($1 / largest) * ($1 / largest) }.squareRoot()
}

/// ½‖r‖².
func halfSumOfSquares(_ r: [Double]) -> Double {
    0.5 * dot(r, r)
}

/// ‖J_j‖₂ for every column j.
func columnNorms(_ j: DenseMatrix) -> [Double] {
    (0..<j.columns).map { norm(j.column($0)) }
}

/// J·v.
func product(_ j: DenseMatrix, _ v: [Double]) -> [Double] {
    var result = [Double](repeating: 0, count: j.rows)
    for c in 0..<j.columns { for i in 0..<j.rows { result[i] += j[i, c] * v[c] } }
    return result
}

/// max_j |J_jᵀ·r| / (‖J_j‖·‖r‖) over the non-zero columns: the largest |cosine| of the angle between r and a
/// column of J, MINPACK's scale-invariant measure of the gradient Jᵀr (0 when every column is zero).
func gradientCosine(_ j: DenseMatrix, _ r: [Double]) -> Double {
    let rNorm = norm(r)
    return (0..<j.columns).reduce(0) { worst, c in
        let column = j.column(c)
        let columnNorm = norm(column)
        return columnNorm > 0 ? max(worst, abs(dot(column, r)) / (columnNorm * rNorm)) : worst
    }
}
