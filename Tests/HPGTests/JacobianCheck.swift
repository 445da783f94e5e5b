import Foundation
import Testing
@testable import HPG

/// Expects the model's analytic Jacobian at (y, p) to equal central differences of its right-hand side,
/// entry by entry, to 1e-5 of the larger of the two (floor 1e-8), with step h = 1e-6·max(|y_j|, 1e-3).
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
            #expect(abs(analytic[i, j] - numeric) <= 1e-5 * scale,
                    "∂f[\(model.states[i].name)]/∂\(model.states[j].name): \(analytic[i, j]) vs \(numeric)")
        }
    }
}
