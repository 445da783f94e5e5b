import Foundation
import ODE

extension HPGModel {
    /// The Jacobian ∂f/∂y of `derivatives` (column-major `Matrix`, every entry written), derived from the same
    /// rate laws: one evaluation of `RateLaws.core` in `Dual` numbers gives the physiological block and its
    /// derivatives with respect to the drug-effect sums, which the chain rule carries to the drug states
    /// (`DrugEffects.forEachPartial`); the germ-cell chain and the drugs' PK are linear structures with their
    /// own exact blocks. Checked against central differences in `JacobianTests`.
    public func jacobian(_ y: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>, _ J: inout Matrix) {
        jacobian(y, p, RateConstants(p), &J)
    }

    /// The Jacobian with the parameter-only parts `k` of the rate laws already computed from `p`.
    func jacobian(_ y: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>, _ k: RateConstants,
                  _ J: inout Matrix) {
        J.zero()
        let effects = DrugEffects(y, p, slots, dydt: nil)
        let rates = RateLaws.core(CoreInputs { Dual(effects.coreInput($0, y), seed: $0.rawValue) }, p, k)
        /// Row of a core rate: ∂/∂(state inputs) into their columns; the effect sums are kept for the drugs.
        func scatter(_ row: Int, _ rate: Dual) {
            for input in CoreInput.allCases {
                guard let column = input.stateIndex else { continue }
                J[row, column] += rate.partials[input.rawValue]
            }
        }
        for state in PhysiologicalState.allCases { scatter(state.rawValue, rates[state]) }

        // Germ-cell chain (`SpermChain.derivatives`): X0 = Cap·ψ, loss k_d·(1 − ψ).
        let psi = rates.spermatogenicDrive
        let stageRate = Double(SpermChain.seminiferousStages) / p[Parameter.spermatogenesisDuration.rawValue]
        let lossRate = p[Parameter.germCellLossRate.rawValue]
        let first = SpermChain.first
        scatter(first, psi * (stageRate * p[Parameter.spermatogenicCapacity.rawValue]))
        for k in 0..<SpermChain.seminiferousStages {
            let i = first + k
            J[i, i] += -stageRate - lossRate * (1 - psi.value)
            if k > 0 { J[i, i - 1] += stageRate }
            scatter(i, psi * (lossRate * y[i]))
        }
        for (k, transit) in SpermChain.transits.enumerated() {
            let i = first + SpermChain.seminiferousStages + k
            J[i, i] = -1 / p[transit.rawValue]
            J[i, i - 1] = 1 / p[transit.rawValue]
        }

        // Drugs: their PK blocks, and each effect sum's dependence on the drug states, through every core rate
        // (and ψ) that reads the sum.
        for slot in slots { slot.kinetics.addJacobian(p, &J) }
        effects.forEachPartial(y, p, slots) { input, column, dSum in
            for state in PhysiologicalState.allCases {
                J[state.rawValue, column] += rates[state].partials[input.rawValue] * dSum
            }
            let dPsi = psi.partials[input.rawValue] * dSum
            guard dPsi != 0 else { return }
            J[first, column] += stageRate * p[Parameter.spermatogenicCapacity.rawValue] * dPsi
            for k in 0..<SpermChain.seminiferousStages { J[first + k, column] += lossRate * y[first + k] * dPsi }
        }
    }

    /// The Jacobian with arrays (tests).
    public func jacobian(_ y: [Double], _ p: [Double]) -> Matrix {
        var J = Matrix(rows: y.count, columns: y.count)
        y.withUnsafeBufferPointer { yb in p.withUnsafeBufferPointer { pb in jacobian(yb, pb, &J) } }
        return J
    }
}

extension CoreInput {
    /// The model state this input reads, nil for a drug-effect sum.
    var stateIndex: Int? {
        switch self {
        case .gnrh: PhysiologicalState.gnrhDrive.rawValue
        case .lh: PhysiologicalState.lh.rawValue
        case .fsh: PhysiologicalState.fsh.rawValue
        case .itt: PhysiologicalState.itt.rawValue
        case .testosterone: PhysiologicalState.testosterone.rawValue
        case .estradiol: PhysiologicalState.estradiol.rawValue
        case .gonadotrophReserve: PhysiologicalState.gonadotrophReserve.rawValue
        case .leydigTrophic: PhysiologicalState.leydigTrophic.rawValue
        case .shbg: PhysiologicalState.shbg.rawValue
        case .gnrhNeuronAvailability: PhysiologicalState.gnrhNeuronAvailability.rawValue
        case .firstGermStage: SpermChain.first
        case .aromataseInhibition, .estrogenReceptorBlock, .lhEquivalent, .gnrhAgonism, .gnrhReceptorAvailable,
             .testosteroneRelease, .estradiolRelease: nil
        }
    }
}
