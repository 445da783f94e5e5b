import Foundation
import ODE

extension HPGModel {
    /// Analytic Jacobian ∂f/∂y of `derivatives` (column-major `Matrix`, every entry written). The positivity
    /// guards (max(x, 0)) of `derivatives` are not differentiated: they only act on non-physiological states.
    /// Checked against finite differences in `JacobianTests`.
    public func jacobian(_ y: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>, _ J: inout Matrix) {
        J.zero()
        @inline(__always) func v(_ q: Parameter) -> Double { p[q.rawValue] }
        let iG = PhysiologicalState.gnrhDrive.rawValue, iLH = PhysiologicalState.lh.rawValue
        let iFSH = PhysiologicalState.fsh.rawValue, iITT = PhysiologicalState.itt.rawValue
        let iT = PhysiologicalState.testosterone.rawValue, iE2 = PhysiologicalState.estradiol.rawValue
        let effects = DrugEffects(y, p, slots, dydt: nil)
        let g = y[iG], lh = y[iLH], fsh = y[iFSH], itt = y[iITT], t = y[iT], e2 = y[iE2]

        // GnRH drive, LH, FSH.
        let e2Seen = max(e2, tiny) / effects.estrogenReceptorBlock / v(.e2FeedbackReference)
        let aH = v(.e2HypothalamicExponent), aP = v(.e2PituitaryExponent), b = v(.tHypothalamicExponent)
        let hypothalamic = pow(e2Seen, -aH) * pow(max(t, tiny) / v(.tFeedbackReference), -b)
        let pituitary = pow(e2Seen, -aP)
        let gnrhInput = v(.keGnRHDrive) * v(.gnrhDriveCapacity) * hypothalamic
        J[iG, iG] = -v(.keGnRHDrive)
        J[iG, iE2] = -aH * gnrhInput / e2
        J[iG, iT] = -b * gnrhInput / t
        for (i, secretion, elimination) in [(iLH, Parameter.lhSecretion, Parameter.keLH), (iFSH, .fshSecretion, .keFSH)] {
            let release = v(secretion) * g * effects.gnrhStimulusFactor * pituitary
            J[i, iG] = v(secretion) * effects.gnrhStimulusFactor * pituitary
            J[i, i] = -v(elimination)
            J[i, iE2] = -aP * release / e2
        }

        // Testis and serum T.
        let c = Units.testosterone_nmol_per_L_per_ng_per_dL
        let lhSeen = max(lh, 0) + effects.lhEquivalent
        let stimulationSlope = HPGModel.leydigStimulationSlope(lh: lhSeen, emax: v(.leydigLHEmax), lh50: v(.leydigLH50), hill: v(.leydigHill))
        J[iITT, iLH] = v(.keITT) * v(.leydigCapacity) * stimulationSlope
        J[iITT, iT] = v(.keITT) * c
        J[iITT, iITT] = -v(.keITT)
        J[iT, iITT] = v(.ittToSerumT)
        J[iT, iT] = -v(.keT)
        let tVolume_dL = v(.tClearance) / v(.keT) * 10

        // Estradiol.
        let km = v(.aromataseKm) * (1 + effects.aromataseInhibition)
        let fT = v(.tFreeFraction)
        let freeT = fT * max(t * c, 0)
        let peripheralVmax = v(.aromatasePeripheralVmax) * pow(v(.bmi) / v(.bmiIdeal), v(.aromataseBMIExponent))
        let testicularVmax = v(.aromataseTesticularVmax)
        J[iE2, iT] = peripheralVmax * km / ((km + freeT) * (km + freeT)) * fT * c
        J[iE2, iITT] = testicularVmax * km / ((km + itt) * (km + itt))
        J[iE2, iE2] = -v(.keE2)
        // ∂(E2 production)/∂km, for the aromatase-inhibitor columns.
        let productionPerKm = -peripheralVmax * freeT / ((km + freeT) * (km + freeT)) - testicularVmax * itt / ((km + itt) * (km + itt))

        // Spermatogenic chain: X1' = k_s·(Cap·ψ − X1), ψ = x/(1 + x), x = D^h, D = √(FSH/FSH50·ITT/ITT50).
        let drive = (fsh / v(.spermatogenicFSH50) * itt / v(.spermatogenicITT50)).squareRoot()
        let x = pow(drive, v(.spermatogenicHill))
        let dPsiDLogDrive = v(.spermatogenicHill) * x / ((1 + x) * (1 + x))   // dψ/d ln D
        let stageRate = Double(SpermChain.seminiferousStages) / v(.spermatogenesisDuration)
        let first = SpermChain.first
        J[first, iFSH] = stageRate * v(.spermatogenicCapacity) * dPsiDLogDrive / (2 * fsh)
        J[first, iITT] = stageRate * v(.spermatogenicCapacity) * dPsiDLogDrive / (2 * itt)
        for k in 0..<SpermChain.seminiferousStages {
            J[first + k, first + k] = -stageRate
            if k > 0 { J[first + k, first + k - 1] = stageRate }
        }
        for (k, transit) in SpermChain.transits.enumerated() {
            let i = first + SpermChain.seminiferousStages + k
            J[i, i] = -1 / p[transit.rawValue]
            J[i, i - 1] = 1 / p[transit.rawValue]
        }

        // Drugs: their PK block K(p) (derived by each drug's structure), and each mechanism's column (the
        // compartment driving it) through dC/dA = factor/V.
        for slot in slots {
            slot.kinetics.addJacobian(p, &J)
            for m in slot.mechanisms {
                let i = m.parameter
                if m.kind == .testosterone || m.kind == .estradiol {
                    let (row, input) = m.kind == .testosterone ? (iT, 1e6 / tVolume_dL) : (iE2, DrugEffects.estradiolInputPerMg(keE2: v(.keE2)))
                    slot.releaseCoefficients(p, fraction: p[i]) { state, k in J[row, state] += k * input }
                    continue
                }
                guard let column = m.state, let volume = m.volume else { continue }
                let dCdA = slot.concentrationFactor / p[volume]
                let concentration = slot.concentration(y, p, state: column, volume: volume)
                switch m.kind {
                case .aromatase:
                    J[iE2, column] += productionPerKm * v(.aromataseKm) / p[i] * dCdA
                case .estrogenReceptor:
                    // Feedback terms ∝ B^a with B = 1 + Σ C/Ki; d ln B/dA = dCdA/(Ki·B).
                    let dLogB = dCdA / p[i] / effects.estrogenReceptorBlock
                    J[iG, column] += aH * gnrhInput * dLogB
                    for (row, secretion) in [(iLH, Parameter.lhSecretion), (iFSH, .fshSecretion)] {
                        J[row, column] += aP * v(secretion) * g * effects.gnrhStimulusFactor * pituitary * dLogB
                    }
                case .lhReceptor:
                    J[iITT, column] += v(.keITT) * v(.leydigCapacity) * stimulationSlope * p[i] * dCdA
                case .gnrhReceptor:
                    let emax = p[i], ec50 = p[i + 1], hill = p[i + 2]
                    let cc = max(concentration, tiny)
                    let slope = emax * hill * pow(cc, hill - 1) * pow(ec50, hill) / pow(pow(ec50, hill) + pow(cc, hill), 2)
                    for (row, secretion) in [(iLH, Parameter.lhSecretion), (iFSH, .fshSecretion)] {
                        J[row, column] += v(secretion) * g * effects.gnrhReceptorAvailable * pituitary * slope * dCdA
                    }
                case .gnrhInhibition:
                    // Stimulus ∝ Π(1 − I_k): d/dA = −Π/(1 − I)·dI/dC·dC/dA (0 once I rounds to 1: saturated).
                    let inhibition = DrugEffects.gnrhInhibition(concentration, imax: p[i], ic50: p[i + 1], hill: p[i + 2])
                    let others = inhibition.value < 1 ? effects.gnrhStimulusFactor / (1 - inhibition.value) : 0
                    let dFactor = -others * inhibition.slope * dCdA
                    for (row, secretion) in [(iLH, Parameter.lhSecretion), (iFSH, .fshSecretion)] {
                        J[row, column] += v(secretion) * g * pituitary * dFactor
                    }
                case .testosterone, .estradiol:
                    break
                }
            }
        }
    }

    /// dH3/dLH = Lmax·κ·LH^(κ−1)·L50^κ / (L50^κ + LH^κ)².
    static func leydigStimulationSlope(lh: Double, emax: Double, lh50: Double, hill: Double) -> Double {
        let l = max(lh, tiny), a = pow(lh50, hill), x = pow(l, hill)
        return emax * hill * x / l * a / ((a + x) * (a + x))
    }

    /// The Jacobian with arrays (tests).
    public func jacobian(_ y: [Double], _ p: [Double]) -> Matrix {
        var J = Matrix(rows: y.count, columns: y.count)
        y.withUnsafeBufferPointer { yb in p.withUnsafeBufferPointer { pb in jacobian(yb, pb, &J) } }
        return J
    }
}
