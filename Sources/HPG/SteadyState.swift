import Foundation
import ODE

/// One baseline lab the steady state must reproduce, and the patient parameter solved for it.
public struct LabConstraint: Sendable, Equatable {
    public var observable: String
    public var value: Double
    public var parameter: Parameter
    /// A parameter the observable can never fall to or below (an assay's additive bias: its reading of zero);
    /// a lab at or below it has no steady state.
    public var floor: Parameter? = nil
}

/// Steady states solved directly: Newton's method on f(y; p) = 0 with a finite-difference Jacobian and the
/// LAPACK LU (`DenseLU`). With lab constraints the unknowns are the states and one parameter per lab, and the
/// equations are f(y; p) = 0 and observable(y) = lab (individualisation).
///
/// Drug compartments are not unknowns: the baseline is drug-free (their derivatives vanish at zero).
public enum SteadyState {
    public static let maxIterations = 100

    /// Returns the drug-free steady state and the parameter vector with the solved parameters filled in.
    public static func solve(_ model: HPGModel, parameters: [Double], constraints: [LabConstraint] = [],
                             initialGuess: [Double]? = nil) throws(HPGError) -> (state: [Double], parameters: [Double]) {
        let n = PhysiologicalState.allCases.count + SpermChain.count
        let free = constraints.map(\.parameter.rawValue)
        let outputs = try constraints.map { c throws(HPGError) -> Int in
            guard let k = model.observableIndex(c.observable) else { throw .unknownObservable(c.observable) }
            return k
        }
        var p = parameters
        // The feedback set-points are the man's own steady-state T and E2 (`Parameter.tSetPoint`,
        // `Parameter.e2SetPoint`): solved with them.
        func setPoints(_ y: [Double], _ p: inout [Double]) {
            for (parameter, state) in Self.setPoints { p[parameter.rawValue] = y[state.rawValue] }
        }
        var y = initialGuess ?? referenceGuess(model, constraints: constraints)
        var x = Array(y[0..<n]) + free.map { p[$0] }

        func residual(_ x: [Double]) -> [Double] {
            var yy = y, pp = p
            for i in 0..<n { yy[i] = x[i] }
            for (k, j) in free.enumerated() { pp[j] = x[n + k] }
            setPoints(yy, &pp)
            let f = model.derivatives(yy, pp)
            let observed = model.observe(yy, pp)
            // Rows scaled to relative rates (1/h) and relative lab errors, so the norm weighs them alike.
            return (0..<n).map { f[$0] / max(abs(x[$0]), 1e-6) }
                + constraints.indices.map { (observed[outputs[$0]] - constraints[$0].value) / constraints[$0].value }
        }
        do {
            x = try newton(from: x, positiveCount: n, residual: residual)
        } catch {
            // Far from this man's steady state (a profile or parameters unlike the reference man's), Newton's
            // method from the reference guess can stall: walk towards the steady state in pseudo-time first.
            x = try newton(from: try pseudoTransient(from: x, positiveCount: n, residual: residual),
                           positiveCount: n, residual: residual)
        }
        for i in 0..<n { y[i] = x[i] }
        for (k, j) in free.enumerated() { p[j] = x[n + k] }
        setPoints(y, &p)
        for (k, c) in constraints.enumerated() where !(p[free[k]] > 0) {
            throw .noPhysiologicalSolution(lab: c.observable, value: c.value, parameter: c.parameter.spec.name,
                                           required: p[free[k]])
        }
        return (y, p)
    }

    /// Each parameter that is a man's own drug-free steady-state value, and its state.
    static let setPoints: [(Parameter, PhysiologicalState)] = [(.tSetPoint, .testosterone), (.e2SetPoint, .estradiol)]

    /// The scaled residual's stopping level: a residual at most this large that a Newton step no longer
    /// decreases is at the floating-point floor of its evaluation (rounding in f is ε times the largest flux
    /// over the state, which fast rates lift above `exactResidual`), and counts as converged.
    static let roundingFloorResidual = 1e-12
    /// The residual that ends the iteration at once.
    static let exactResidual = 1e-13

    /// Damped Newton's method on residual(x) = 0 from `x`, with a forward-difference Jacobian and the LAPACK
    /// LU. The first `positiveCount` unknowns (the states) must stay > 0. Stops when ‖r‖∞ ≤ 1e-13, when the
    /// step is below 1e-13 relative, or when ‖r‖∞ ≤ 1e-12 and the full Newton step no longer decreases it
    /// (the rounding floor); fails after `maxIterations` iterations, or when the step cannot be computed.
    static func newton(from start: [Double], positiveCount n: Int,
                       residual: ([Double]) -> [Double]) throws(HPGError) -> [Double] {
        var x = start
        var r = residual(x)
        var iteration = 0
        while norm(r) > exactResidual {
            iteration += 1
            guard iteration <= maxIterations else {
                throw .steadyStateNotConverged(iterations: maxIterations, residual: norm(r), state: x)
            }
            let jacobian = forwardDifferenceJacobian(x, r, residual)
            var step = r.map { -$0 }
            do { try DenseLU(factoring: jacobian).solve(&step) } catch {
                throw .steadyStateNotConverged(iterations: iteration, residual: norm(r), state: x)
            }
            // Damped step: states must stay positive and the residual must not grow.
            var lambda = 1.0
            var accepted = false
            while lambda > 1e-6 {
                let trial = zip(x, step).map { $0 + lambda * $1 }
                if trial[0..<n].allSatisfy({ $0 > 0 }) {
                    let rt = residual(trial)
                    if norm(rt) < norm(r) { x = trial; r = rt; accepted = true; break }
                    if lambda == 1 && norm(r) <= roundingFloorResidual { return x }
                    if lambda < 1e-3 { x = trial; r = rt; accepted = true; break }
                }
                lambda /= 2
            }
            if !accepted { throw .steadyStateNotConverged(iterations: iteration, residual: norm(r), state: x) }
            if step.indices.allSatisfy({ abs(lambda * step[$0]) <= 1e-13 * max(abs(x[$0]), 1e-9) }) { break }
        }
        return x
    }

    /// Pseudo-transient continuation (Kelley CT, Keyes DE. SIAM J Numer Anal 1998;35:508): implicit Euler steps
    /// in pseudo-time on the state rows, dx/dt = F(x), whose step τ grows by switched evolution relaxation,
    /// τ ← τ·‖r_old‖/‖r_new‖, so that the iteration becomes Newton's method as the residual vanishes. The
    /// lab-constraint rows stay algebraic. State row i of the residual is F_i/|x_i|, so its pseudo-time term is
    /// δ_i/(τ·|x_i|) and each step solves (J − D/τ)·δ = −r, D = diag(1/|x_i|) on the states, 0 on the labs.
    /// States may fall by at most 90 % per step (they must stay positive). Returns once ‖r‖∞ ≤ 1e-6, for
    /// Newton's method to finish.
    static func pseudoTransient(from start: [Double], positiveCount n: Int,
                                residual: ([Double]) -> [Double]) throws(HPGError) -> [Double] {
        var x = start
        var r = residual(x)
        var tau = 1.0   // h: the fastest physiological rates are of order 1/h
        for _ in 0..<maxPseudoTimeSteps {
            if norm(r) <= 1e-6 { return x }
            var matrix = forwardDifferenceJacobian(x, r, residual)
            for i in 0..<n { matrix[i, i] -= 1 / (tau * max(abs(x[i]), 1e-6)) }
            var step = r.map { -$0 }
            do { try DenseLU(factoring: matrix).solve(&step) } catch { break }
            var lambda = 1.0
            for i in 0..<n where step[i] < 0 { lambda = min(lambda, 0.9 * x[i] / -step[i]) }
            for i in x.indices { x[i] += lambda * step[i] }
            let next = residual(x)
            tau = min(tau * norm(r) / max(norm(next), 1e-300), 1e12)
            r = next
        }
        throw .steadyStateNotConverged(iterations: maxPseudoTimeSteps, residual: norm(r), state: x)
    }
    static let maxPseudoTimeSteps = 2000

    /// ‖r‖∞, the residual norm both iterations test.
    static func norm(_ r: [Double]) -> Double { r.reduce(0) { max($0, abs($1)) } }

    /// ∂r/∂x by forward differences, step 1e-7 relative.
    static func forwardDifferenceJacobian(_ x: [Double], _ r: [Double], _ residual: ([Double]) -> [Double]) -> Matrix {
        var jacobian = Matrix(rows: x.count, columns: x.count)
        for j in 0..<x.count {
            var xh = x
            let h = 1e-7 * max(abs(x[j]), 1e-6)
            xh[j] += h
            let rh = residual(xh)
            for i in 0..<x.count { jacobian[i, j] = (rh[i] - r[i]) / h }
        }
        return jacobian
    }

    /// Starting point: the reference man's steady state, with the observed labs put in their states.
    static func referenceGuess(_ model: HPGModel, constraints: [LabConstraint]) -> [Double] {
        var y = [Double](repeating: 0, count: model.stateDimension)
        y[PhysiologicalState.gnrhDrive.rawValue] = 1
        y[PhysiologicalState.lh.rawValue] = ReferenceMan.LH_IU_per_L
        y[PhysiologicalState.fsh.rawValue] = ReferenceMan.FSH_IU_per_L
        y[PhysiologicalState.itt.rawValue] = ReferenceMan.intratesticularT_nmol_per_L
        y[PhysiologicalState.testosterone.rawValue] = ReferenceMan.testosterone_ng_per_dL
        y[PhysiologicalState.estradiol.rawValue] = ReferenceMan.estradiol_pg_per_mL
        y[PhysiologicalState.gonadotrophReserve.rawValue] = 1
        // Responsive GnRH neurons at the reference T: 1/(1 + (Tref/T50,N)^n).
        y[PhysiologicalState.gnrhNeuronAvailability.rawValue] = 1 / (1 + pow(ReferenceMan.testosterone_ng_per_dL
            / Parameter.gnrhNeuronDesensitisationHalf.spec.value, Parameter.tHypothalamicExponent.spec.value))
        y[PhysiologicalState.leydigTrophic.rawValue] = 1
        y[PhysiologicalState.shbg.rawValue] = Derived.referenceSHBG
        var sperm = ReferenceMan.spermConcentration_million_per_mL
        for c in constraints {
            switch c.observable {
            case "testosterone": y[PhysiologicalState.testosterone.rawValue] = c.value
            case "estradiol": y[PhysiologicalState.estradiol.rawValue] = c.value
            case "LH": y[PhysiologicalState.lh.rawValue] = c.value
            case "FSH": y[PhysiologicalState.fsh.rawValue] = c.value
            case "SHBG": y[PhysiologicalState.shbg.rawValue] = c.value
            case "sperm_concentration": sperm = c.value
            default: break
            }
        }
        for k in 0..<SpermChain.count { y[SpermChain.first + k] = sperm }
        return y
    }
}
