import Dispatch
import Foundation

/// The Jacobian J = ∂r/∂x by finite differences, one column per parameter.
///
/// Column j perturbs x_j by h_j = c·max(|x_j|, τ_j), τ_j the parameter's typical size:
/// - central: J_j ≈ (r(x + h_j e_j) − r(x − h_j e_j)) / (2h_j), c = η^(1/3) (6.1e-6 for η = ε): truncation
///   error O(h²) and rounding error O(η/h) balance at h ∝ η^(1/3); 2n evaluations;
/// - forward: J_j ≈ (r(x + h_j e_j) − r(x)) / h_j, c = √η (1.5e-8 for η = ε; O(h) against O(η/h)); n evaluations.
/// η is `noiseLevel`, the residuals' relative accuracy (ε, machine precision, unless they come from a solver).
/// (Nocedal & Wright, Numerical Optimization, 2nd ed., §8.1.) The divisor is the difference of the perturbed
/// values as represented, (x_j + h) − (x_j − h), not 2h (Dennis & Schnabel 1983, §5.4).
///
/// Concurrent evaluation (`DispatchQueue.concurrentPerform`) computes every column exactly as the serial loop
/// does and writes it into its own slot, so J is bitwise identical whatever the number of threads.
public struct FiniteDifferences: Sendable, Equatable {
    public enum Scheme: Sendable, Equatable { case central, forward }

    public var scheme: Scheme
    /// Evaluate the columns concurrently.
    public var concurrent: Bool
    /// η, the relative accuracy of the residuals: ε (machine precision) for residuals computed in closed form,
    /// larger for residuals from an ODE solution (about its relative tolerance). The steps below balance
    /// truncation against η instead of ε (Nocedal & Wright, §8.1, with ε replaced by the noise level).
    public var noiseLevel: Double

    public init(scheme: Scheme = .central, concurrent: Bool = false, noiseLevel: Double = .ulpOfOne) {
        self.scheme = scheme
        self.concurrent = concurrent
        self.noiseLevel = noiseLevel
    }

    /// Residual evaluations per Jacobian for n parameters.
    public func evaluations(parameterCount n: Int) -> Int {
        scheme == .central ? 2 * n : n
    }

    /// c in h_j = c·max(|x_j|, τ_j): η^(1/3) central, √η forward.
    var relativeStep: Double {
        scheme == .central ? cbrt(noiseLevel) : noiseLevel.squareRoot()
    }

    /// J(x) given r(x) = `residuals`; `typicalSizes` holds τ (positive, one per parameter).
    func jacobian(of problem: LeastSquaresProblem, at x: [Double], residuals: [Double],
                  typicalSizes: [Double]) throws(FittingError) -> DenseMatrix {
        let n = x.count
        let slots = ColumnSlots(count: n)
        if concurrent {
            DispatchQueue.concurrentPerform(iterations: n) { j in
                slots[j] = column(j, of: problem, at: x, residuals: residuals, typicalSize: typicalSizes[j])
            }
        } else {
            for j in 0..<n {
                slots[j] = column(j, of: problem, at: x, residuals: residuals, typicalSize: typicalSizes[j])
                if case .failure = slots[j] { break }
            }
        }
        var jacobian = DenseMatrix(rows: problem.residualCount, columns: n)
        for j in 0..<n {
            switch slots[j] {
            case .success(let values):
                jacobian.elements.replaceSubrange((j * jacobian.rows)..<((j + 1) * jacobian.rows), with: values)
            case .failure(let error): throw error
            }
        }
        return jacobian
    }

    /// Column j of J; a failure names the perturbed vector.
    private func column(_ j: Int, of problem: LeastSquaresProblem, at x: [Double], residuals: [Double],
                        typicalSize: Double) -> Result<[Double], FittingError> {
        let h = relativeStep * max(abs(x[j]), typicalSize)
        var plus = x
        plus[j] = x[j] + h
        let rPlus: [Double]
        switch problem.evaluate(plus) {
        case .success(let r): rPlus = r
        case .failure(let failure): return .failure(.jacobianFailed(at: plus, column: j, failure))
        }
        switch scheme {
        case .forward:
            let width = plus[j] - x[j]
            return .success((0..<rPlus.count).map { (rPlus[$0] - residuals[$0]) / width })
        case .central:
            var minus = x
            minus[j] = x[j] - h
            switch problem.evaluate(minus) {
            case .success(let rMinus):
                let width = plus[j] - minus[j]
                return .success((0..<rPlus.count).map { (rPlus[$0] - rMinus[$0]) / width })
            case .failure(let failure): return .failure(.jacobianFailed(at: minus, column: j, failure))
            }
        }
    }
}

/// One result slot per Jacobian column. Each slot is written by exactly one iteration of
/// `concurrentPerform` and read only after it returns, so the unsynchronised storage is race-free.
private final class ColumnSlots: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Result<[Double], FittingError>>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: .success([]), count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    subscript(j: Int) -> Result<[Double], FittingError> {
        get { storage[j] }
        set { storage[j] = newValue }
    }
}
