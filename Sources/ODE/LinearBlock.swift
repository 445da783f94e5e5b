import CLAPACK
import Foundation

/// Components of y that evolve by a linear law of their own,
///
///     y_B' = K·y_B + u,
///
/// with K constant between restarts of the method and u constant between stop times: the other components
/// may read y_B, but f_B reads nothing else. Drug amounts in compartments with first-order flows are such a
/// block (a dose is a jump in it, an infusion an input u). An explicit method that knows the block advances
/// it exactly, y_B(t₀ + τ) = e^{Kτ}·y_B(t₀) + τ·φ₁(Kτ)·u, at every stage and at the end of the step,
/// instead of by its quadrature: the block then neither enters the error estimate nor limits the step by
/// stability (an absorption rate constant of 3 /h otherwise caps an explicit step near 1.7 h), and the
/// method's order for the other components is that of the ODE with the exact forcing y_B(t). A dose into
/// the block is a jump like any other (`Integrator.applyJump`): keeping the step across it instead was
/// measured to cost more steps, as the error control then rejected the long step two or three times
/// (2390 against 2264 steps per man on the population benchmark; 3289 against 3103 with daily doses).
///
/// The right-hand side still writes f_B (the stiff methods integrate the block as any other states); the
/// explicit methods read u off it as u = f_B(t₀, y) − K·y_B at the start of each step.
public struct LinearBlock: Sendable {
    /// The block's components, as indices into y.
    public var indices: [Int]
    /// K for the current parameters (m×m, m = `indices.count`, rows and columns in the order of `indices`).
    /// Read when the method (re)starts.
    public var matrix: @Sendable () -> Matrix

    public init(indices: [Int], matrix: @escaping @Sendable () -> Matrix) {
        precondition(Set(indices).count == indices.count, "the indices of a linear block must be distinct")
        self.indices = indices
        self.matrix = matrix
    }
}

/// The exact flow of a `LinearBlock` through the eigendecomposition K = V·Λ·V⁻¹ (LAPACK `dgeev`): in the
/// coordinates z = V⁻¹·y_B, w = V⁻¹·u each mode is scalar,
///
///     z_k(τ) = e^{λ_k τ}·z_k(0) + τ·φ₁(λ_k τ)·w_k,   φ₁(x) = (eˣ − 1)/x  (φ₁(0) = 1),
///
/// which is exact for λ_k = 0 too (a compartment without outflow accumulates τ·w_k). Built only when the
/// decomposition is safe: real eigenvalues (first-order compartment structures have them: K is similar to a
/// symmetric matrix, Jacquez, Compartmental Analysis in Biology and Medicine, ch. 3) and a well-conditioned
/// V, κ₁(V) ≤ 10⁸. Equal rate constants (ka = CL/V) make K defective and V singular: `make` then returns
/// nil and the method integrates the block as any other states, to the same tolerance.
final class ExactLinearFlow {
    let indices: UnsafeMutableBufferPointer<Int>
    let m: Int
    /// λ_k, V (column-major, m×m), K itself (for the input u = f_B − K·y_B) and the LU factors of V.
    private let rates: UnsafeMutableBufferPointer<Double>
    private let vectors: UnsafeMutableBufferPointer<Double>
    private let kMatrix: UnsafeMutableBufferPointer<Double>
    private let inverse: DenseLU
    /// z(0) and w of the step that starts at the current point.
    private let z0: UnsafeMutableBufferPointer<Double>
    private let w: UnsafeMutableBufferPointer<Double>
    private let modes: UnsafeMutableBufferPointer<Double>

    /// Largest κ₁(V) = ‖V‖₁·‖V⁻¹‖₁ accepted: the propagated amounts then lose at most about 8 of 16 digits.
    static let conditionLimit = 1e8

    private init(indices: [Int], rates: [Double], vectors: Matrix, k: Matrix, inverse: DenseLU) {
        m = indices.count
        func buffer<T>(_ values: [T]) -> UnsafeMutableBufferPointer<T> {
            let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(values.count, 1))
            _ = b.initialize(from: values)
            return b
        }
        self.indices = buffer(indices)
        self.rates = buffer(rates)
        self.vectors = buffer(vectors.elements)
        self.kMatrix = buffer(k.elements)
        self.inverse = inverse
        z0 = buffer([Double](repeating: 0, count: m))
        w = buffer([Double](repeating: 0, count: m))
        modes = buffer([Double](repeating: 0, count: m))
    }

    deinit {
        indices.deallocate()
        for b in [rates, vectors, kMatrix, z0, w, modes] { b.deallocate() }
    }

    /// The flow of y_B' = K·y_B + u on the components `indices`, or nil when K has complex eigenvalues or V is
    /// ill-conditioned.
    static func make(indices: [Int], _ k: Matrix) -> ExactLinearFlow? {
        let m = indices.count
        precondition(k.rows == m && k.columns == m, "a linear block's K must be \(m)×\(m)")
        guard m > 0, k.elements.allSatisfy(\.isFinite) else { return nil }
        guard let (rates, vectors) = realEigendecomposition(k) else { return nil }
        guard let inverse = try? DenseLU(factoring: vectors) else { return nil }
        // κ₁(V) from the explicit inverse (m is small: a drug's compartments).
        var inverseNorm = 0.0, norm = 0.0
        for j in 0..<m {
            var unit = [Double](repeating: 0, count: m)
            unit[j] = 1
            inverse.solve(&unit)
            inverseNorm = max(inverseNorm, unit.reduce(0) { $0 + abs($1) })
            norm = max(norm, (0..<m).reduce(0) { $0 + abs(vectors[$1, j]) })
        }
        guard norm * inverseNorm <= conditionLimit else { return nil }
        return ExactLinearFlow(indices: indices, rates: rates, vectors: vectors, k: k, inverse: inverse)
    }

    /// Whether this flow was decomposed from exactly this K (a restart with unchanged parameters, as at every
    /// dose, then skips the eigendecomposition).
    func propagates(_ k: Matrix) -> Bool {
        k.rows == m && k.columns == m && (0..<m * m).allSatisfy { kMatrix[$0].bitPattern == k.elements[$0].bitPattern }
    }

    /// Eigenvalues and right eigenvectors of k by `dgeev`; nil when any eigenvalue is complex or LAPACK fails.
    private static func realEigendecomposition(_ k: Matrix) -> (rates: [Double], vectors: Matrix)? {
        var n = Int32(k.rows), lda = n, ldvl: Int32 = 1, ldvr = n, info: Int32 = 0
        var a = k.elements
        var real = [Double](repeating: 0, count: k.rows), imaginary = real
        var left = [Double](repeating: 0, count: 1)
        var vectors = Matrix(rows: k.rows, columns: k.rows)
        var jobLeft: CChar = 78, jobRight: CChar = 86  // "N", "V"
        var query = [Double](repeating: 0, count: 1), lwork: Int32 = -1
        dgeev_(&jobLeft, &jobRight, &n, &a, &lda, &real, &imaginary, &left, &ldvl, &vectors.elements, &ldvr,
               &query, &lwork, &info)
        guard info == 0 else { return nil }
        lwork = Int32(query[0])
        var work = [Double](repeating: 0, count: max(1, Int(lwork)))
        dgeev_(&jobLeft, &jobRight, &n, &a, &lda, &real, &imaginary, &left, &ldvl, &vectors.elements, &ldvr,
               &work, &lwork, &info)
        guard info == 0, imaginary.allSatisfy({ $0 == 0 }) else { return nil }
        return (real, vectors)
    }

    /// Sets z(0) = V⁻¹·y_B and w = V⁻¹·u for a step starting at (y, f = f(t, y)), with u = f_B − K·y_B. An
    /// input entry below the rounding of K·y_B (64ε·Σ|K_ij·y_j|) is taken as zero: f_B and K·y_B are the same
    /// sum in a different order when no infusion runs, and their difference is rounding, not an input.
    func begin(y: UnsafePointer<Double>, f: UnsafePointer<Double>) {
        for i in 0..<m {
            var ky = 0.0, magnitude = 0.0
            for j in 0..<m {
                let term = kMatrix[i + j * m] * y[indices[j]]
                ky += term
                magnitude += abs(term)
            }
            let input = f[indices[i]] - ky
            w[i] = abs(input) <= 64 * Double.ulpOfOne * magnitude ? 0 : input
            z0[i] = y[indices[i]]
        }
        inverse.solve(z0)
        inverse.solve(w)
    }

    /// Writes y_B(t₀ + τ) into the block's components of `out`.
    @inline(__always)
    func value(at tau: Double, into out: UnsafeMutablePointer<Double>) {
        for k in 0..<m {
            let x = rates[k] * tau
            var mode = Foundation.exp(x) * z0[k]
            // τ·φ₁(λτ) = expm1(λτ)/λ, evaluated only when the mode has an input (an infusion runs).
            if w[k] != 0 { mode += (x == 0 ? tau : Foundation.expm1(x) / rates[k]) * w[k] }
            modes[k] = mode
        }
        for i in 0..<m {
            var sum = 0.0
            for k in 0..<m { sum += vectors[i + k * m] * modes[k] }
            out[indices[i]] = sum
        }
    }

    /// Sets the block's components of `vector` to zero (the block's part of an error estimate).
    @inline(__always)
    func clear(_ vector: UnsafeMutablePointer<Double>) {
        for i in 0..<m { vector[indices[i]] = 0 }
    }
}
