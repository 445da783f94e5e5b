import Foundation
import ODE
import ODEProblems
import Scenario

extension BenchResult {
    /// The fields shared with the CVODE and scipy comparators (Benchmarks/peers), plus hpgsim's own counters.
    var jsonLine: String {
        JSONText.object([
            "tool": JSONText.string("hpgsim"),
            "problem": JSONText.string(problem),
            "method": JSONText.string(method),
            "rtol": JSONText.number(relativeTolerance),
            "atol": JSONText.number(absoluteTolerance),
            "return_code": JSONText.string(returnCode.rawValue),
            "steps": "\(statistics.steps)",
            "accepted": "\(statistics.accepted)",
            "rejected": "\(statistics.rejected)",
            "rhs_evals": "\(statistics.rhsEvaluations)",
            "jac_evals": "\(statistics.jacobianEvaluations)",
            "lu_factorizations": "\(statistics.luFactorizations)",
            "newton_iterations": "\(statistics.newtonIterations)",
            "newton_failures": "\(statistics.newtonFailures)",
            "error": JSONText.number(error),
            "seconds": JSONText.number(seconds),
            "repeats": "\(repeats)",
            "y_end": JSONText.array(finalState),
        ])
    }
}

extension TestProblem {
    /// A state off the initial one at which every component of f is exercised (the initial states have
    /// zeros that hide terms): yⱼ = 0.9 · y0ⱼ + 0.01 · (j + 1)/n. The peer comparators evaluate their own f
    /// there, and compare.py requires agreement to rounding.
    var probeState: [Double] {
        let n = problem.dimension
        return problem.initialState.enumerated().map { j, y0 in 0.9 * y0 + 0.01 * Double(j + 1) / Double(n) }
    }

    /// The definition the peer comparators check themselves against.
    var jsonLine: String {
        let probe = probeState
        var fProbe = [Double](repeating: 0, count: problem.dimension)
        probe.withUnsafeBufferPointer { y in
            fProbe.withUnsafeMutableBufferPointer { problem.rhs(problem.startTime, y, $0) }
        }
        return JSONText.object([
            "problem": JSONText.string(name),
            "stiff": isStiff ? "true" : "false",
            "dimension": "\(problem.dimension)",
            "t0": JSONText.number(problem.startTime),
            "t_end": JSONText.number(problem.endTime),
            "atol_at_rtol_1e-6": JSONText.number(absoluteTolerance),
            "y0": JSONText.array(problem.initialState),
            "reference": JSONText.array(reference),
            "reference_source": JSONText.string(referenceSource),
            "probe_state": JSONText.array(probe),
            "f_probe": JSONText.array(fProbe),
        ])
    }
}

/// A plain-text table with right-aligned numeric columns.
struct BenchTable {
    private var rows: [[String]] = [[
        "problem", "method", "rtol", "atol", "steps", "accepted", "rejected", "f evals", "J evals", "LU",
        "error", "ms", "outcome",
    ]]

    mutating func append(_ r: BenchResult) {
        rows.append([
            r.problem, r.method, Self.short(r.relativeTolerance), Self.short(r.absoluteTolerance),
            "\(r.statistics.steps)", "\(r.statistics.accepted)", "\(r.statistics.rejected)",
            "\(r.statistics.rhsEvaluations)", "\(r.statistics.jacobianEvaluations)",
            "\(r.statistics.luFactorizations)", r.error.map(Self.short) ?? "–",
            String(format: "%.3f", r.seconds * 1e3), r.returnCode.rawValue,
        ])
    }

    var rendered: String { Self.render(rows, leftAligned: [0, 1, 12]) }

    static func problems(_ problems: [TestProblem]) -> String {
        var rows = [["problem", "stiff", "n", "t0", "t_end", "atol (rtol 1e-6)", "reference"]]
        for p in problems {
            rows.append([
                p.name, p.isStiff ? "yes" : "no", "\(p.problem.dimension)", String(format: "%.10g", p.problem.startTime),
                String(format: "%.10g", p.problem.endTime), short(p.absoluteTolerance), p.referenceSource,
            ])
        }
        return render(rows, leftAligned: [0, 1, 6])
    }

    private static func short(_ x: Double) -> String { String(format: "%.3g", x) }

    private static func render(_ rows: [[String]], leftAligned: Set<Int>) -> String {
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return leftAligned.contains(column) ? cell + padding : padding + cell
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }
}
