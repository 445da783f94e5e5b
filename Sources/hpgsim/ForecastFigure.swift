import Forecast
import HPG
import Plot
import Scenario

/// The figure of `hpgsim forecast --plot`: a panel per central observable with the posterior's central interval
/// shaded, the estimate as a line, the man's labs as points (and a synthetic man's truth, dashed), his doses as
/// ticks and the documents' goal ranges.
enum ForecastFigure {
    static func figure(_ estimate: IndividualEstimate, _ forecast: IndividualForecast, truth: SyntheticMan?) -> Figure {
        let days = forecast.times.map { $0 / 24 }
        let names = TrajectoryFigure.central.filter { name in forecast.observables.contains { $0.name == name } }
        let scenario = estimate.prior.plan.scenario
        let doses = EventMarks(label: "doses", x: TrajectoryFigure.doseTimes(scenario).map { $0 / 24 }, color: "#777777")
        let level = formatNumber(100 * forecast.settings.level)
        let panels = names.map { name -> Panel in
            let o = forecast.observables.firstIndex { $0.name == name }!
            let spec = forecast.observables[o]
            var panel = Panel(title: name, x: AxisSpec(label: "time", unit: "days"),
                              y: AxisSpec(label: name, unit: spec.unit == "1" ? nil : spec.unit, includesZero: true))
            panel.bands.append(Band(label: "\(level) % of his posterior", x: days, lower: forecast.band[o].map { $0[0] },
                                    upper: forecast.band[o].map { $0[2] }, color: Palette.color(0), opacity: 0.25))
            panel.lines.append(Line(label: "estimate", x: days, y: forecast.estimate[o], color: Palette.color(0)))
            if let truth {
                panel.lines.append(Line(label: "truth", x: days, y: truth.truth.series(name)!, color: Palette.color(1), dashed: true))
            }
            let labs = estimate.labs.filter { $0.observable == name }
            if !labs.isEmpty {
                panel.points.append(Points(label: "labs", x: labs.map { $0.timeHours / 24 }, y: labs.map(\.value),
                                           color: Palette.color(1)))
            }
            panel.events = [doses]
            panel.targets = TrajectoryFigure.targets(spec, unit: spec.unit)
            return panel
        }
        return Figure(title: "Forecast for \(scenario.name)" + (truth == nil ? "" : " (a synthetic man: truth dashed)"),
                      panels: panels, columns: names.count > 4 ? 3 : min(2, names.count),
                      notes: ["Shaded: the \(level) % interval of his posterior (importance-sampled); line: the estimate;"
                              + " points: his labs. Goal ranges as in hpgsim population."])
    }
}
