import Foundation
import HPG
import Plot
import Scenario

/// The fan chart of `hpgsim plot --population`: from the quantiles-<scenario>.csv files of a population
/// folder, per scenario and observable the 5–95 % and 25–75 % bands over the simulated men and the median.
enum PopulationFigure {
    /// One scenario's quantile table: the observables (column stem, e.g. testosterone_ng_per_dL) with their
    /// p5 … p95 series over time.
    struct Quantiles {
        var scenario: String
        var days: [Double]
        /// column stem → percent (5, 25, 50, 75, 95) → values over time.
        var series: [String: [Int: [Double]]]
        var stems: [String]
    }

    static let percents = [5, 25, 50, 75, 95]

    /// A bad file: where, what, and what is allowed.
    struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    /// The quantiles-*.csv files of `folder`, sorted by name; none is an error.
    static func files(in folder: String) throws(ReadError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReadError(description: "\(folder) is not a folder; give the -o folder of hpgsim population")
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("quantiles-") && $0.hasSuffix(".csv") }.sorted()
        guard !names.isEmpty else {
            throw ReadError(description: "\(folder) has no quantiles-<scenario>.csv; it must be an output folder of "
                            + "hpgsim population (or hpgsim merge)")
        }
        return names.map { (folder as NSString).appendingPathComponent($0) }
    }

    /// Reads one table: header time_days, <stem>_p5, <stem>_p25, … (every stem with all five), then one row
    /// of numbers per day.
    static func read(_ path: String) throws(ReadError) -> Quantiles {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ReadError(description: "\(path): cannot be read as UTF-8 text")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard header.first == "time_days" else {
            throw ReadError(description: "\(path):1: the first column is \"\(header.first ?? "")\"; a quantile table "
                            + "starts with time_days")
        }
        var stems: [String] = [], index: [String: [Int: Int]] = [:]
        for (c, name) in header.enumerated().dropFirst() {
            guard let cut = name.range(of: "_p", options: .backwards), let p = Int(name[cut.upperBound...]),
                  percents.contains(p) else {
                throw ReadError(description: "\(path):1: column \"\(name)\" is not <observable>_p<percent> with percent "
                                + percents.map(String.init).joined(separator: ", "))
            }
            let stem = String(name[..<cut.lowerBound])
            if index[stem] == nil { stems.append(stem) }
            index[stem, default: [:]][p] = c
        }
        for stem in stems where index[stem]!.count != percents.count {
            throw ReadError(description: "\(path):1: \(stem) lacks some of the columns _p"
                            + percents.map(String.init).joined(separator: ", _p"))
        }
        var days: [Double] = [], series: [String: [Int: [Double]]] = [:]
        for (i, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard cells.count == header.count else {
                throw ReadError(description: "\(path):\(i + 1): \(cells.count) fields; the header has \(header.count)")
            }
            let values = try cells.enumerated().map { (c, cell) throws(ReadError) -> Double in
                guard let v = Double(cell), v.isFinite else {
                    throw ReadError(description: "\(path):\(i + 1): \(header[c]) is \"\(cell)\"; a finite number is needed")
                }
                return v
            }
            guard days.last.map({ values[0] > $0 }) ?? true else {
                throw ReadError(description: "\(path):\(i + 1): time_days \(cells[0]) does not increase")
            }
            days.append(values[0])
            for stem in stems { for p in percents { series[stem, default: [:]][p, default: []].append(values[index[stem]![p]!]) } }
        }
        guard days.count >= 2 else { throw ReadError(description: "\(path): fewer than two rows of data") }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return Quantiles(scenario: String(name.dropFirst("quantiles-".count)), days: days, series: series, stems: stems)
    }

    /// The observable and unit behind a column stem (conventional or SI column name of the model).
    static func observable(_ stem: String) -> (spec: ObservableSpec, unit: String)? {
        for spec in HPGModel(drugs: DrugRegistry.all).observables {
            if spec.column == stem { return (spec, spec.unit) }
            if spec.siColumn == stem { return (spec, spec.siUnit) }
        }
        return nil
    }

    /// A row per scenario (wrapped after three panels), a panel per observable: the observables asked for,
    /// else the central ones every table has.
    static func figure(_ tables: [Quantiles], observables: [String]?) throws(ReadError) -> Figure {
        func names(_ table: Quantiles) -> [String] { table.stems.compactMap { observable($0)?.spec.name } }
        let shown: [String]
        if let asked = observables {
            // Clinical shorthand (E2, T/E2) read as in scenario files.
            let observables = asked.map { ScenarioCatalog.canonicalName($0, among: names(tables[0])) ?? $0 }
            for table in tables {
                let missing = observables.filter { !names(table).contains($0) }
                guard missing.isEmpty else {
                    throw ReadError(description: "quantiles-\(table.scenario).csv has no " + missing.joined(separator: ", ")
                                    + "; it has " + names(table).joined(separator: ", "))
                }
            }
            shown = observables
        } else {
            shown = TrajectoryFigure.central.filter { name in tables.allSatisfy { names($0).contains(name) } }
        }
        guard !shown.isEmpty else {
            throw ReadError(description: "the quantile tables have none of " + TrajectoryFigure.central.joined(separator: ", ")
                            + " in common; choose with --observables")
        }
        let columns = shown.count == 4 ? 2 : min(shown.count, 3), rowsPerTable = (shown.count + columns - 1) / columns
        var panels: [Panel] = [], rowTitles: [String] = []
        for (i, table) in tables.enumerated() {
            let weeks = table.days.last! > TrajectoryFigure.daysBeforeWeeks
            let x = table.days.map { weeks ? $0 / 7 : $0 }
            for name in shown {
                let stem = table.stems.first { observable($0)?.spec.name == name }!
                let (spec, unit) = observable(stem)!
                let q = table.series[stem]!, color = Palette.color(i)
                var panel = Panel(title: spec.name, x: AxisSpec(label: "time", unit: weeks ? "weeks" : "days"),
                                  y: AxisSpec(label: spec.name, unit: unit == "1" ? nil : unit, includesZero: true))
                panel.bands = [Band(label: "5–95 %", x: x, lower: q[5]!, upper: q[95]!, color: color, opacity: 0.18),
                               Band(label: "25–75 %", x: x, lower: q[25]!, upper: q[75]!, color: color, opacity: 0.4)]
                panel.lines = [Line(label: "median (\(table.scenario))", x: x, y: q[50]!, color: color)]
                panel.targets = TrajectoryFigure.targets(spec, unit: unit)
                panels.append(panel)
            }
            // Each scenario starts a row: blank cells fill the last row of the one before.
            rowTitles += [table.scenario] + Array(repeating: "", count: rowsPerTable - 1)
            while panels.count % columns != 0 { panels.append(.blank) }
        }
        var figure = Figure(title: "Virtual population: quantiles over the simulated men at each time", panels: panels,
                            columns: columns,
                            notes: ["Bands: 5–95 % and 25–75 % of the men (Hyndman–Fan 7); line: median. Shaded: the "
                                    + "goals of the responder analysis."])
        figure.rowTitles = rowTitles
        figure.sharesYAxes = true
        return figure
    }
}
