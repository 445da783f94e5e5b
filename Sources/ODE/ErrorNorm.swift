/// The weighted root-mean-square norm used for every error test and Newton convergence test:
///
///     ‖e‖ = sqrt( (1/n) Σᵢ ( eᵢ / (atolᵢ + rtol · max(|yᵢ|, |ŷᵢ|)) )² )
///
/// (Hairer, Nørsett & Wanner, Solving ODEs I, eq. II.4.11; CVODE uses the same weights with |yᵢ| only.)
/// A step is accepted when ‖e‖ ≤ 1.
public struct ErrorWeights: Sendable {
    public let relativeTolerance: Double
    public let absoluteTolerance: [Double]

    public init(options: SolverOptions, dimension: Int) {
        relativeTolerance = options.relativeTolerance
        absoluteTolerance = (0..<dimension).map { options.absoluteTolerance($0) }
    }

    /// ‖e‖ with scale from the larger of |y| and |ŷ| in each component.
    @inlinable
    public func norm(
        _ e: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, _ yNew: UnsafeBufferPointer<Double>
    ) -> Double {
        let n = e.count
        if n == 0 { return 0 }
        var sum = 0.0
        for i in 0..<n {
            let scale = absoluteTolerance[i] + relativeTolerance * max(abs(y[i]), abs(yNew[i]))
            let r = e[i] / scale
            sum += r * r
        }
        return (sum / Double(n)).squareRoot()
    }

    /// Array convenience of `norm(_:_:_:)`.
    public func norm(_ e: [Double], _ y: [Double], _ yNew: [Double]) -> Double {
        e.withUnsafeBufferPointer { eb in
            y.withUnsafeBufferPointer { yb in yNew.withUnsafeBufferPointer { norm(eb, yb, $0) } }
        }
    }
}
