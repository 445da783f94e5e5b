/// When the BDF stepper re-evaluates the Jacobian and refactors its iteration matrix M = I − c·J
/// (c = h/α_k). Modelled on CVODE (Hindmarsh et al., ACM TOMS 31 (2005) 363, §2.1 and cvode.c's
/// `cvNls`/`cvDlsSetup`; constants MSBP = 20, DGMAX = 0.3):
///
/// - J is re-evaluated (and M refactored) when there is none (start, restart after a jump), when it is
///   `maximumJacobianAge` = 20 accepted steps old, and when Newton fails to converge with a J evaluated
///   before the last accepted step (a stale J is the likely cause; with a current J the step is reduced);
/// - M is refactored with the same J when c differs from the factored c̄ by more than `maximumScaleChange`
///   = 30 %: |c/c̄ − 1| > 0.3;
/// - otherwise the factors of I − c̄J are reused, and each Newton correction is scaled by 2/(1 + c/c̄)
///   (CVODE's γ-ratio correction, which makes the stale-c̄ iteration consistent to first order).
public struct NewtonMatrixPolicy: Sendable, Equatable {
    public var maximumJacobianAge = 20
    public var maximumScaleChange = 0.3

    public init() {}

    public func needsJacobian(hasJacobian: Bool, jacobianAge: Int) -> Bool {
        !hasJacobian || jacobianAge >= maximumJacobianAge
    }

    public func needsFactorization(factoredScale: Double, scale: Double) -> Bool {
        factoredScale == 0 || abs(scale / factoredScale - 1) > maximumScaleChange
    }

    /// Factor applied to a correction solved with the factors of I − c̄J when the step needs I − cJ.
    public func correctionScale(factoredScale: Double, scale: Double) -> Double {
        2 / (1 + scale / factoredScale)
    }
}
