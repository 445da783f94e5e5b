import Plot

/// The work–precision figure of `hpgsim bench solvers --plot`: per test problem, each method's error at the
/// end point against its solve time, one point per tolerance joined in tolerance order, on log–log axes
/// (down and to the left is better). Failed solves and exact ones (error 0) are left out.
enum BenchPlot {
    static func figure(_ results: [BenchResult]) -> Figure {
        let problems = results.map(\.problem).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let methods = results.map(\.method).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let panels = problems.map { problem -> Panel in
            var panel = Panel(title: problem, x: AxisSpec(label: "time per solve", unit: "s", scale: .log10),
                              y: AxisSpec(label: "relative error at the end", scale: .log10))
            for (i, method) in methods.enumerated() {
                let runs = results.filter { $0.problem == problem && $0.method == method && ($0.error ?? 0) > 0 }
                    .sorted { $0.relativeTolerance > $1.relativeTolerance }
                guard !runs.isEmpty else { continue }
                let x = runs.map(\.seconds), y = runs.map { $0.error! }
                panel.lines.append(Line(label: method, x: x, y: y, color: Palette.color(i)))
                panel.points.append(Points(label: nil, x: x, y: y, color: Palette.color(i)))
            }
            return panel
        }
        let tolerances = Set(results.map(\.relativeTolerance)).sorted(by: >).map { NumberText.scientific($0) }
        return Figure(title: "Work–precision: error against time per solve", panels: panels,
                      columns: min(3, panels.count), panelWidth: 380, panelHeight: 300,
                      notes: ["One point per relative tolerance (" + tolerances.joined(separator: ", ")
                              + "); best of several solves in one process. Times depend on the machine and its load."])
    }
}
