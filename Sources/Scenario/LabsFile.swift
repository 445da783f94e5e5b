import Foundation
import HPG

/// One measured lab of one man: when, what, the value in the observable's conventional unit, and the
/// within-subject CV to weigh it by when the file gives one.
public struct LabMeasurement: Sendable, Equatable {
    /// 1-based line in the file.
    public var line: Int
    public var timeHours: Double
    public var observable: String
    /// Conventional unit (`ObservableSpec.unit`).
    public var value: Double
    /// A fraction (0.12 = 12 %); nil: the observable's published within-subject CV (`WithinSubjectVariability`).
    public var cv: Double?

    public init(line: Int, timeHours: Double, observable: String, value: Double, cv: Double?) {
        self.line = line
        self.timeHours = timeHours
        self.observable = observable
        self.value = value
        self.cv = cv
    }
}

/// A man's measured labs (`hpgsim forecast --labs`): CSV, first line the header, one lab per row:
///
///     time_d,observable,value,unit,cv_percent
///     0,testosterone,262,ng/dL,
///     0,E2,34,pg/mL,
///     42,estradiol,61,pmol/L,15
///
/// The time column names its unit: `time_h`, `time_d` or `time_weeks` (from the scenario's time 0, the start of
/// its regimens). `observable` is any observable the model has (clinical shorthand such as E2 or T too); `unit` its
/// conventional or SI unit; `cv_percent` (optional column, cells may be empty) the within-subject CV to weigh that
/// lab by instead of the published one. Values must be positive (the error model is proportional).
public enum LabsFile {
    public static let timeColumns: [String: Double] = ["time_h": 1, "time_d": 24, "time_weeks": 168]
    /// Rows read at most: a forecast needs a handful, and memory stays bounded on any input.
    public static let maximumRows = 10_000

    /// Largest labs file read (far above a forecast's handful of rows, so memory stays bounded).
    public static let maximumFileBytes = 1 << 20

    /// The measurements of `path`, in file order, each checked against the model's observables.
    public static func read(_ path: String, observables: [ObservableSpec]) throws(ScenarioError) -> [LabMeasurement] {
        let bytes: [UInt8]
        do { bytes = try InputFile.read(path, limit: maximumFileBytes) } catch {
            let log = ProblemLog(file: path)
            log.report(at: (0, 1), key: "", value: nil, "cannot be read: \(error).", allowed: nil)
            throw ScenarioError(problems: log.sorted)
        }
        return try parse(bytes, file: path, observables: observables)
    }

    /// The measurements in `bytes`, the contents of a labs file; `file` names it in messages.
    public static func parse(_ bytes: [UInt8], file: String, observables: [ObservableSpec]) throws(ScenarioError) -> [LabMeasurement] {
        let log = ProblemLog(file: file)
        func fail(_ line: Int, _ key: String, _ value: String?, _ message: String, allowed: String? = nil) {
            log.report(at: (line, 1), key: key, value: value, message, allowed: allowed)
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\r")) }
        let header = (lines.first ?? "").split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let names = observables.map(\.name)
        let headerAllowed = "a header of one time column (" + timeColumns.keys.sorted().joined(separator: ", ")
            + "), observable, value, unit, and optionally cv_percent"
        let timeColumn = header.firstIndex { timeColumns[$0] != nil }
        var columns: [String: Int] = [:]
        for (k, name) in header.enumerated() {
            guard timeColumns[name] != nil || ["observable", "value", "unit", "cv_percent"].contains(name) else {
                fail(1, name, name, "is not a column a labs file has."
                     + didYouMean(name, among: Array(timeColumns.keys) + ["observable", "value", "unit", "cv_percent"]),
                     allowed: headerAllowed)
                continue
            }
            if columns[name] != nil || (timeColumns[name] != nil && k != timeColumn) {
                fail(1, name, name, "is a second time column or a column given twice.", allowed: headerAllowed)
            }
            columns[name] = k
        }
        for required in ["observable", "value", "unit"] where columns[required] == nil {
            fail(1, required, nil, "the header has no \(required) column.", allowed: headerAllowed)
        }
        if timeColumn == nil { fail(1, "time", nil, "the header has no time column.", allowed: headerAllowed) }
        guard log.problems.isEmpty, let timeColumn else { throw ScenarioError(problems: log.sorted) }
        let hoursPerUnit = timeColumns[header[timeColumn]]!

        var measurements: [LabMeasurement] = []
        for (offset, row) in lines.enumerated().dropFirst() where !row.trimmingCharacters(in: .whitespaces).isEmpty {
            let line = offset + 1
            guard measurements.count < maximumRows else {
                fail(line, "", nil, "has more than \(maximumRows) labs, the most a forecast reads.")
                break
            }
            guard log.problems.count < 20 else { break }
            let cells = row.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == header.count else {
                fail(line, "", row, "has \(cells.count) cells, the header \(header.count).")
                continue
            }
            let timeText = cells[timeColumn]
            guard let time = Double(timeText), time.isFinite, time >= 0 else {
                fail(line, header[timeColumn], timeText, "is not a time.", allowed: "a number ≥ 0 (\(header[timeColumn]))")
                continue
            }
            let word = cells[columns["observable"]!]
            guard let name = ClinicalAlias.canonical(word, among: names),
                  let spec = observables.first(where: { $0.name == name }) else {
                fail(line, "observable", word, "is not an observable of the model."
                     + didYouMean(word, among: names + ClinicalAlias.aliases(of: names)),
                     allowed: "one of " + names.joined(separator: ", "))
                continue
            }
            let unit = cells[columns["unit"]!]
            let units = spec.unit == spec.siUnit ? [spec.unit] : [spec.unit, spec.siUnit]
            guard units.contains(unit) else {
                fail(line, "unit", unit, "is not a unit of \(name).", allowed: units.joined(separator: " or "))
                continue
            }
            let valueText = cells[columns["value"]!]
            guard let value = Double(valueText), value.isFinite, value > 0 else {
                fail(line, "value", valueText, "is not a positive number (the error model is proportional, so a lab"
                     + " must be above zero; leave out a lab reported as below the assay's limit).",
                     allowed: "a number > 0 in \(unit)")
                continue
            }
            var cv: Double?
            if let k = columns["cv_percent"], !cells[k].isEmpty {
                guard let percent = Double(cells[k]), percent > 0, percent <= 200 else {
                    fail(line, "cv_percent", cells[k], "is not a coefficient of variation.", allowed: "a number in (0, 200]")
                    continue
                }
                cv = percent / 100
            } else if WithinSubjectVariability.named(name) == nil {
                fail(line, "cv_percent", nil, "\(name) has no published within-subject CV, so its row must give one.",
                     allowed: "a cv_percent column with a number in (0, 200] on this row; published CVs exist for "
                     + WithinSubjectVariability.all.map(\.observable).joined(separator: ", "))
                continue
            }
            measurements.append(LabMeasurement(line: line, timeHours: time * hoursPerUnit, observable: name,
                                               value: unit == spec.unit ? value : value / spec.siFactor, cv: cv))
        }
        if log.problems.isEmpty && measurements.isEmpty { fail(0, "", nil, "has no labs below its header.") }
        guard log.problems.isEmpty else { throw ScenarioError(problems: log.sorted) }
        return measurements
    }
}
