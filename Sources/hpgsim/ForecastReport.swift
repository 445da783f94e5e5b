import Forecast
import Foundation
import HPG
import Scenario

/// What `hpgsim forecast` prints and writes.
enum ForecastReport {
    /// time_days, then per observable its estimate and 5/50/95 % quantiles (and a synthetic man's true value),
    /// named with the unit.
    static func csv(_ forecast: IndividualForecast, truth: Trajectory? = nil) -> String {
        let tail = (1 - forecast.settings.level) / 2
        let labels = ["p" + percent(tail), "p50", "p" + percent(1 - tail)]
        var columns: [TrajectoryCSV.Column] = []
        for (o, spec) in forecast.observables.enumerated() {
            columns.append(.init(name: spec.name, unit: spec.unit, header: spec.column + "_estimate", values: forecast.estimate[o]))
            for (q, label) in labels.enumerated() {
                columns.append(.init(name: spec.name, unit: spec.unit, header: spec.column + "_" + label,
                                     values: forecast.band[o].map { $0[q] }))
            }
            if let truth {
                columns.append(.init(name: spec.name, unit: spec.unit, header: spec.column + "_truth", values: truth.series(spec.name)!))
            }
        }
        return TrajectoryCSV(timesHours: forecast.times, columns: columns).text
    }

    static func percent(_ p: Double) -> String { String(format: "%02.0f", 100 * p) }

    static func text(_ estimate: IndividualEstimate, _ forecast: IndividualForecast, truth: SyntheticMan? = nil,
                     csvPath: String) -> String {
        let level = String(format: "%.0f %%", 100 * forecast.settings.level)
        var lines = ["Forecast for " + (truth == nil ? "" : "a synthetic man of ") + "\(estimate.prior.plan.scenario.name) from"
                     + " \(estimate.labs.count) labs; written to \(csvPath)."]
        var table = TextTable(header: ["parameter", "population median", "his estimate", "90 % interval"]
                              + (truth == nil ? [] : ["truth"]))
        let trueValues = truth.map { estimate.prior.values($0.z) }
        for (k, c) in estimate.components.enumerated() {
            table.append([c.name, formatNumber(c.prior, significantDigits: 4), formatNumber(c.estimate, significantDigits: 4),
                          formatNumber(c.low, significantDigits: 4) + " – " + formatNumber(c.high, significantDigits: 4)]
                         + (trueValues.map { [formatNumber($0[k], significantDigits: 4)] } ?? []))
        }
        lines += ["", "Estimates (maximum a posteriori, Laplace interval):", table.render(indent: "  ")]
        let end = forecast.times.count - 1
        var ahead = TextTable(header: ["observable", "unit", "estimate", level + " interval"] + (truth == nil ? [] : ["truth"]))
        for (o, spec) in forecast.observables.enumerated() where ["testosterone", "estradiol", "T_E2_ratio", "LH", "FSH",
                                                                   "sperm_concentration"].contains(spec.name) {
            let band = forecast.band[o][end]
            ahead.append([spec.name, spec.unit, formatNumber(forecast.estimate[o][end], significantDigits: 4),
                          formatNumber(band[0], significantDigits: 4) + " – " + formatNumber(band[2], significantDigits: 4)]
                         + (truth.map { [formatNumber($0.truth.series(spec.name)![end], significantDigits: 4)] } ?? []))
        }
        lines += ["", "At day \(formatNumber(forecast.times[end] / 24)), the end of the run:", ahead.render(indent: "  ")]
        lines += ["", "Threshold questions (from day \(formatNumber((forecast.crossings.first?.fromHours ?? 0) / 24)), the last lab):"]
        for crossing in forecast.crossings {
            let day = { (h: Double?) in h.map { "day " + formatNumber(($0 / 24).rounded()) } ?? "not by day \(formatNumber(forecast.times[end] / 24))" }
            let q = crossing.quantilesHours
            lines.append("  \(crossing.condition): at the estimate \(day(crossing.estimateHours)); probability "
                         + String(format: "%.0f %%", 100 * crossing.probability) + " within the run; \(level) interval "
                         + "\(day(q[0])) to \(day(q[2])).")
        }
        let ess = forecast.effectiveSampleSize, draws = forecast.settings.draws
        lines.append("")
        lines.append("Posterior: \(draws) importance draws from the Laplace approximation, effective sample size "
                     + String(format: "%.0f", ess) + (ess < 0.1 * Double(draws)
                        ? " — low: the posterior is far from normal; raise --draws for steadier intervals." : "."))
        return lines.joined(separator: "\n")
    }
}
