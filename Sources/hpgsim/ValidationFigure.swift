import Plot
import Scenario

/// Simulated against reported for every compared value (`hpgsim plot --validation`): log–log scatter, one
/// colour per observable, the identity line and the ±20 % band (|s/r − 1| ≤ 0.2, the tolerance of a value
/// read in a study's text), a hollow marker for a value outside its own tolerance. Lab values (in their
/// reported units) and changes from day 0 (ratios) are separate panels.
enum ValidationFigure {
    static let band = 0.2

    static func figure(_ comparisons: [Comparison], scenarioCount: Int) -> Figure {
        let observables = comparisons.map(\.observable).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let panels = [(Comparison.Kind.absolute, "reported lab values"), (.change, "changes from day 0 (ratio)")]
            .compactMap { kind, title -> Panel? in
                let chosen = comparisons.filter { $0.kind == kind && $0.reported > 0 && $0.simulated > 0 }
                guard !chosen.isEmpty else { return nil }
                var panel = Panel(title: title, x: AxisSpec(label: "reported", unit: kind == .absolute ? "study's unit" : "ratio", scale: .log10),
                                  y: AxisSpec(label: "simulated", unit: kind == .absolute ? "same unit" : "ratio", scale: .log10))
                let values = chosen.flatMap { [$0.reported, $0.simulated] }
                let ends = [values.min()! / (1 + band), values.max()! * (1 + band)]
                panel.bands = [Band(label: "±20 %", x: ends, lower: ends.map { $0 * (1 - band) },
                                    upper: ends.map { $0 * (1 + band) }, color: "#777777", opacity: 0.15)]
                panel.lines = [Line(label: "simulated = reported", x: ends, y: ends, color: "#444444", dashed: true, width: 1)]
                for (i, name) in observables.enumerated() {
                    let mine = chosen.filter { $0.observable == name }
                    guard !mine.isEmpty else { continue }
                    panel.points.append(Points(label: name, x: mine.map(\.reported), y: mine.map(\.simulated),
                                               color: Palette.color(i), hollow: mine.map { !$0.pass }))
                }
                return panel
            }
        let inside = comparisons.filter(\.pass).count
        return Figure(title: "Simulated against reported: \(comparisons.count) values from \(scenarioCount) scenarios",
                      panels: panels, columns: 2, panelWidth: 440, panelHeight: 400,
                      notes: ["\(inside) of \(comparisons.count) within their own tolerance; hollow: outside it. "
                              + "Band: simulated within ±20 % of reported."])
    }
}
