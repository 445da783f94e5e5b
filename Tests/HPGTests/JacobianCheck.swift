import Foundation
import Testing
@testable import HPG

/// Expects the model's analytic Jacobian at (y, p) to equal central differences of its right-hand side,
/// entry by entry, to 1e-5 of the larger of the two (floor 1e-8) plus the differences' own round-off, with
/// step h = 1e-6·max(|y_j|, 1e-3). Round-off: f_i is computed to about ε·F_i, F_i = the size of its terms
/// (|f_i| and the elimination term |J_ii·y_i|), so the difference quotient carries about ε·F_i/h (Nocedal &
/// Wright, Numerical Optimization, §8.1); 1000·ε·F_i/h covers it. It matters only for derivatives many orders
/// below the row's rate, such as E2's on the GnRH drive when an estrogen-receptor blocker flattens the feedback.
func expectAnalyticJacobianMatchesCentralDifferences(_ model: HPGModel, _ y: [Double], _ p: [Double]) {
    let analytic = model.jacobian(y, p)
    for j in y.indices {
        let h = 1e-6 * max(abs(y[j]), 1e-3)
        var up = y, down = y
        up[j] += h
        down[j] -= h
        let fUp = model.derivatives(up, p), fDown = model.derivatives(down, p)
        for i in y.indices {
            let numeric = (fUp[i] - fDown[i]) / (2 * h)
            let scale = max(abs(numeric), abs(analytic[i, j]), 1e-8)
            let terms = max(abs(fUp[i]), abs(fDown[i])) + abs(analytic[i, i] * y[i])
            let roundOff = 1e3 * Double.ulpOfOne * terms / h
            #expect(abs(analytic[i, j] - numeric) <= 1e-5 * scale + roundOff,
                    "∂f[\(model.states[i].name)]/∂\(model.states[j].name): \(analytic[i, j]) vs \(numeric)")
        }
    }
}
