/// A state jump at a fixed time: y(t⁺) = update(y(t⁻)). Used for bolus doses and resets.
public struct Jump: Sendable {
    public var time: Double
    public var update: @Sendable (inout [Double]) -> Void

    public init(at time: Double, _ update: @escaping @Sendable (inout [Double]) -> Void) {
        self.time = time
        self.update = update
    }
}

/// Integrates `problem` with `method`.
///
/// Output: at `options.saveAt` when given (by dense output, or exactly at stop and jump times), otherwise
/// at the start and after every accepted step. Jumps are applied in time order (stable for equal times);
/// saved values at a jump time are the values after the jump (right-continuous, as NONMEM reports dose
/// records). Jumps at the start time act before the first output; jumps before the start or after the end
/// time are not applied. Never throws: failures are in `returnCode` and `message`, with the solution up to
/// the failure.
public func solve(
    _ problem: ODEProblem, method: Method, options: SolverOptions = SolverOptions(), jumps: [Jump] = []
) -> Solution {
    var options = options
    let jumps = jumps.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
        .map(\.element)
    options.stopTimes += jumps.map(\.time)
    let integrator = Integrator(problem, method: method, options: options)
    var solution = Solution()
    solution.method = method.name
    let saveAt = options.saveAt.sorted()
    var saveIndex = 0
    var jumpIndex = 0

    func applyDueJumps() {
        while jumpIndex < jumps.count && jumps[jumpIndex].time <= integrator.time {
            if jumps[jumpIndex].time == integrator.time { integrator.applyJump(jumps[jumpIndex].update) }
            jumpIndex += 1
        }
    }
    func save(_ t: Double, _ y: [Double]) {
        solution.times.append(t)
        solution.states.append(y)
    }
    /// Saves the requested outputs inside the last step (tPrevious, t]; the point t itself is saved
    /// after the jumps at t, so it carries their effect.
    func saveInsideLastStep() {
        while saveIndex < saveAt.count && saveAt[saveIndex] < integrator.time {
            if saveAt[saveIndex] >= integrator.state.tPrevious {
                save(saveAt[saveIndex], integrator.interpolate(at: saveAt[saveIndex]))
            }
            saveIndex += 1
        }
    }
    func saveAtCurrentTime() {
        if saveAt.isEmpty { save(integrator.time, integrator.currentState); return }
        while saveIndex < saveAt.count && saveAt[saveIndex] == integrator.time {
            save(integrator.time, integrator.currentState)
            saveIndex += 1
        }
    }

    while saveIndex < saveAt.count && saveAt[saveIndex] < problem.startTime { saveIndex += 1 }
    applyDueJumps()
    saveAtCurrentTime()
    do {
        while integrator.time < problem.endTime {
            try integrator.step()
            saveInsideLastStep()
            applyDueJumps()
            saveAtCurrentTime()
        }
    } catch {
        solution.returnCode = error.code
        solution.message = error.description
    }
    solution.statistics = integrator.statistics
    return solution
}
