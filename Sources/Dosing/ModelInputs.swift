import ODE

/// The parameter vector and the zero-order inputs the right-hand side sees. The engine changes them only
/// between solver steps, at event times, and restarts the method after each change. Stored behind
/// pointers so that the right-hand side reads them without reference counting or exclusivity checks.
final class ModelInputs: @unchecked Sendable {
    /// The model's parameters followed by its derived parameters (`DosingModel.derivedParameters`), as
    /// `rhs` and `jacobian` receive them.
    let parameters: UnsafeMutableBufferPointer<Double>
    let parameterCount: Int
    let derived: DerivedParameters
    /// State index and rate of each compartment that currently receives an infusion (`inputCount` of them).
    let inputStates: UnsafeMutableBufferPointer<Int>
    let inputRates: UnsafeMutableBufferPointer<Double>
    let inputCount: UnsafeMutablePointer<Int>

    init(model: DosingModel, parameters p: [Double]) {
        parameterCount = p.count
        derived = model.derivedParameters
        parameters = .allocate(capacity: max(1, p.count + derived.count))
        parameters.initialize(repeating: 0)
        _ = parameters.update(fromContentsOf: p)
        inputStates = .allocate(capacity: max(1, model.stateDimension))
        inputRates = .allocate(capacity: max(1, model.stateDimension))
        inputCount = .allocate(capacity: 1)
        inputCount.initialize(to: 0)
        computeDerived()
    }

    private func computeDerived() {
        guard derived.count > 0 else { return }
        derived.compute(UnsafeBufferPointer(rebasing: parameters[..<parameterCount]),
                        UnsafeMutableBufferPointer(rebasing: parameters[parameterCount...]))
    }

    deinit {
        parameters.deallocate()
        inputStates.deallocate()
        inputRates.deallocate()
        inputCount.deallocate()
    }

    /// Replaces the parameters; true when any value changed.
    func setParameters(_ p: [Double]) -> Bool {
        var changed = false
        for k in 0..<p.count where parameters[k] != p[k] && !(parameters[k].isNaN && p[k].isNaN) {
            parameters[k] = p[k]
            changed = true
        }
        if changed { computeDerived() }
        return changed
    }

    var parameterArray: [Double] { Array(parameters[..<parameterCount]) }

    /// Sets the inputs to the sum of the active infusions, compartment by compartment. Summing the active
    /// list afresh (rather than adding and subtracting rates) leaves exactly zero when all have stopped.
    func setInfusions(_ infusions: [(stateIndex: Int, rate: Double)]) {
        var count = 0
        for infusion in infusions {
            if let k = (0..<count).first(where: { inputStates[$0] == infusion.stateIndex }) {
                inputRates[k] += infusion.rate
            } else {
                inputStates[count] = infusion.stateIndex
                inputRates[count] = infusion.rate
                count += 1
            }
        }
        inputCount.pointee = count
    }
}

extension DosingModel {
    /// The ODE problem y' = f(t, y; p) + u(t), with p and the piecewise-constant input u read from `inputs`.
    func problem(inputs: ModelInputs, initialState: [Double], timeSpan: ClosedRange<Double>) -> ODEProblem {
        let rhs = self.rhs
        var jacobian: JacobianFunction? = nil
        if let modelJacobian = self.jacobian {
            jacobian = { t, y, matrix in modelJacobian(t, y, UnsafeBufferPointer(inputs.parameters), &matrix) }
        }
        return ODEProblem(
            rhs: { t, y, dydt in
                rhs(t, y, UnsafeBufferPointer(inputs.parameters), dydt)
                let states = inputs.inputStates, rates = inputs.inputRates
                for k in 0..<inputs.inputCount.pointee { dydt[states[k]] += rates[k] }
            }, jacobian: jacobian, linearBlock: linearBlock(inputs: inputs), initialState: initialState,
            timeSpan: timeSpan)
    }

    /// The states of `linearKinetics` as the problem's linear block, K(p) for the current parameters.
    func linearBlock(inputs: ModelInputs) -> LinearBlock? {
        let structures = linearKinetics
        let indices = structures.flatMap { Array($0.firstState..<$0.firstState + $0.stateCount) }
        guard !indices.isEmpty else { return nil }
        let dimension = stateDimension
        return LinearBlock(indices: indices) {
            var full = Matrix(rows: dimension, columns: dimension)
            for structure in structures { structure.addJacobian(UnsafeBufferPointer(inputs.parameters), &full) }
            var block = Matrix(rows: indices.count, columns: indices.count)
            for (i, row) in indices.enumerated() {
                for (j, column) in indices.enumerated() { block[i, j] = full[row, column] }
            }
            return block
        }
    }

    /// Integration options for the engine: the model's, without saved outputs or stop times (the engine
    /// stops at events itself with `advance(to:)`).
    var engineOptions: SolverOptions {
        var options = solverOptions
        options.saveAt = []
        options.stopTimes = []
        return options
    }

    /// `outputs` evaluated at one state.
    func evaluateOutputs(_ state: [Double], _ parameters: [Double]) -> [Double] {
        outputs.values(state, parameters)
    }
}

extension SolverStatistics {
    /// Adds another integration's counters to these.
    mutating func add(_ other: SolverStatistics) {
        steps += other.steps
        accepted += other.accepted
        rejected += other.rejected
        rhsEvaluations += other.rhsEvaluations
        jacobianEvaluations += other.jacobianEvaluations
        luFactorizations += other.luFactorizations
        newtonIterations += other.newtonIterations
        newtonFailures += other.newtonFailures
        methodSwitches += other.methodSwitches
    }
}
