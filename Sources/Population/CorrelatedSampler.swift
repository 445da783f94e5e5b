import Foundation

/// A random vector whose components are normal or log-normal, correlated through one correlation matrix on
/// their latent normal scale, each optionally bounded: the virtual man's covariates and between-subject
/// effects drawn together.
///
/// Latent x = L·z with z standard normal and Σ = L·Lᵀ, Σᵢⱼ = ρᵢⱼ·sᵢ·sⱼ (L from `Cholesky`, LAPACK dpotrf).
/// A normal component is μᵢ + xᵢ; a log-normal one is mᵢ·exp(xᵢ) (mᵢ its median, sᵢ = ω the SD of its
/// logarithm; a CV of c corresponds to ω² = ln(1 + c²), the exact log-normal relation). A draw with any component
/// outside its bounds is discarded and the whole vector drawn again from the same stream, so the result is the
/// joint distribution truncated to the box (the correlations inside the box are those of the truncated law).
public struct CorrelatedSampler: Sendable {
    public enum Shape: Sendable, Equatable { case normal, logNormal }

    public struct Component: Sendable, Equatable {
        public var name: String
        public var shape: Shape
        /// Mean (normal) or median (log-normal), natural scale.
        public var center: Double
        /// SD of the latent normal: the SD (normal) or ω, the SD of the logarithm (log-normal).
        public var latentSD: Double
        /// Natural-scale bounds, both included.
        public var bounds: ClosedRange<Double>

        public init(name: String, shape: Shape, center: Double, latentSD: Double,
                    bounds: ClosedRange<Double> = -Double.infinity...Double.infinity) {
            self.name = name
            self.shape = shape
            self.center = center
            self.latentSD = latentSD
            self.bounds = bounds
        }

        /// ω of a log-normal with coefficient of variation `cv` (0.3 for 30 %): √ln(1 + cv²).
        public static func omega(cv: Double) -> Double { log1p(cv * cv).squareRoot() }
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case covariance(Cholesky.Failure)
        case boundsNeverMet(attempts: Int)

        public var description: String {
            switch self {
            case .covariance(let failure): "the covariance matrix \(failure)"
            case .boundsNeverMet(let attempts):
                "no draw in \(attempts) fell inside every bound; the bounds exclude nearly all of the distribution"
            }
        }
    }

    public let components: [Component]
    public let factor: Cholesky
    /// Draws tried per subject before giving up (a box holding less than ~0.1 % of the law is a mistake).
    public static let maximumAttempts = 10_000

    /// `correlation` row-major d×d (d = components.count), unit diagonal; nil: independent components.
    public init(components: [Component], correlation: [Double]? = nil) throws(Failure) {
        let d = components.count
        let rho = correlation ?? (0..<d * d).map { $0 / d == $0 % d ? 1 : 0 }
        precondition(rho.count == d * d, "CorrelatedSampler: the correlation matrix must be d×d")
        var sigma = [Double](repeating: 0, count: d * d)
        for i in 0..<d { for j in 0..<d {
            sigma[i * d + j] = rho[i * d + j] * components[i].latentSD * components[j].latentSD
        } }
        // Symmetrise exactly: ρᵢⱼsᵢsⱼ and ρⱼᵢsⱼsᵢ can differ in the last bit.
        for i in 0..<d { for j in 0..<i { sigma[j * d + i] = sigma[i * d + j] } }
        do { factor = try Cholesky(factoring: sigma, dimension: d) } catch { throw .covariance(error) }
        self.components = components
    }

    /// One vector on the natural scale, in component order, from the subject's stream.
    public func draw(_ stream: inout SubjectStream) throws(Failure) -> [Double] {
        for _ in 0..<Self.maximumAttempts {
            let latent = factor.times(stream.normals(components.count))
            let values = zip(components, latent).map { c, x in c.shape == .normal ? c.center + x : c.center * exp(x) }
            if zip(components, values).allSatisfy({ $0.bounds.contains($1) }) { return values }
        }
        throw .boundsNeverMet(attempts: Self.maximumAttempts)
    }
}
