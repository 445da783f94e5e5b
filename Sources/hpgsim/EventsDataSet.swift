import Dosing
import Foundation

/// A NONMEM-format data set read for `hpgsim events`: header row, one record per line, `.` or an empty
/// field for a missing value. Individuals are runs of consecutive lines with the same ID (NONMEM starts a
/// new individual whenever ID changes from one record to the next).
struct EventsDataSet {
    /// The header line and each data line as written, for echoing into the output.
    let headerLine: Substring
    let lines: [Substring]
    /// 1-based line number in the file of each data line.
    let lineNumbers: [Int]
    let records: [EventRecord]
    /// Consecutive data lines of one individual.
    let individuals: [Range<Int>]

    /// The NONMEM data items hpgsim reads; other columns are model parameters (when the model has a
    /// parameter of that name) or are passed through untouched.
    static let standardItems: Set<String> = ["ID", "TIME", "EVID", "AMT", "CMT", "RATE", "II", "ADDL", "SS", "MDV", "DV"]

    /// A line that cannot be read, with the message "FILE:LINE: …".
    struct Problem {
        var line: Int
        var message: String
    }

    /// Parses `text`. Every problem is returned; the data set is nil when the header makes reading impossible.
    static func parse(_ text: String, file: String, model: DosingModel) -> (EventsDataSet?, [Problem]) {
        var problems: [Problem] = []
        var allLines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            line.last == "\r" ? line.dropLast() : line
        }
        while let last = allLines.last, last.allSatisfy(\.isWhitespace) { allLines.removeLast() }
        guard let header = allLines.first else {
            return (nil, [Problem(line: 1, message: "\(file):1: the data set is empty (a header row is needed)")])
        }
        let columns = header.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).uppercased()
        }
        func column(_ name: String) -> Int? { columns.firstIndex(of: name) }
        var missingColumns = ["ID", "TIME"].filter { column($0) == nil }
        if column("EVID") == nil && column("AMT") == nil { missingColumns.append("EVID or AMT") }
        if !missingColumns.isEmpty {
            return (nil, [Problem(line: 1, message: "\(file):1: missing required column\(missingColumns.count > 1 ? "s" : "") \(missingColumns.joined(separator: ", ")) (header: \(columns.joined(separator: ",")))")])
        }
        let parameterColumns: [(index: Int, name: String)] = columns.enumerated().compactMap { index, name in
            guard !standardItems.contains(name) else { return nil }
            return model.parameterNames.first { $0.uppercased() == name }.map { (index, $0) }
        }

        var lines: [Substring] = [], lineNumbers: [Int] = [], records: [EventRecord] = [], ids: [Double] = []
        lines.reserveCapacity(allLines.count)
        records.reserveCapacity(allLines.count)
        for (offset, line) in allLines.enumerated().dropFirst() {
            let lineNumber = offset + 1
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if fields.count != columns.count {
                problems.append(Problem(line: lineNumber, message: "\(file):\(lineNumber): \(fields.count) fields, the header has \(columns.count)"))
                continue
            }
            var rowProblems: [String] = []
            /// A numeric field; missing (`.` or empty) gives `missing`.
            func number(_ index: Int?, missing: Double = 0) -> Double {
                guard let index else { return missing }
                let field = fields[index].trimmingCharacters(in: .whitespaces)
                if field.isEmpty || field == "." { return missing }
                if let x = Double(field), x.isFinite { return x }
                rowProblems.append("\(file):\(lineNumber): \(columns[index]) = \"\(field)\" is not a number")
                return missing
            }
            func integer(_ name: String, allowed: ClosedRange<Int>? = nil) -> Int {
                let x = number(column(name))
                guard x == x.rounded(), abs(x) < 1e9 else {
                    rowProblems.append("\(file):\(lineNumber): \(name) = \(x) must be an integer")
                    return 0
                }
                if let allowed, !allowed.contains(Int(x)) {
                    rowProblems.append("\(file):\(lineNumber): \(name) = \(Int(x)) is not allowed; allowed values are \(allowed.lowerBound)…\(allowed.upperBound)")
                    return 0
                }
                return Int(x)
            }
            let id = number(column("ID"), missing: .nan)
            if id.isNaN && rowProblems.isEmpty { rowProblems.append("\(file):\(lineNumber): ID is missing") }
            let amount = number(column("AMT")), rate = number(column("RATE"))
            let evid = column("EVID") == nil ? (amount != 0 || rate != 0 ? 1 : 0) : integer("EVID", allowed: 0...4)
            let ss = integer("SS", allowed: 0...2)
            var items: [String: Double] = [:]
            for (index, name) in parameterColumns {
                let value = number(index, missing: .nan)
                if !value.isNaN { items[name] = value }
            }
            let record = EventRecord(
                time: number(column("TIME"), missing: .nan), event: EventRecord.Event(rawValue: evid)!,
                amount: amount, compartment: integer("CMT"), rate: rate, interval: number(column("II")),
                additionalDoses: integer("ADDL"), steadyState: EventRecord.SteadyState(rawValue: ss)!, items: items)
            if record.time.isNaN && rowProblems.isEmpty { rowProblems.append("\(file):\(lineNumber): TIME is missing") }
            problems += rowProblems.map { Problem(line: lineNumber, message: $0) }
            lines.append(line)
            lineNumbers.append(lineNumber)
            records.append(dosingDefaults(record))
            ids.append(id)
        }
        var individuals: [Range<Int>] = []
        var start = 0
        for i in 1...ids.count where i == ids.count || ids[i] != ids[i - 1] {
            individuals.append(start..<i)
            start = i
        }
        if ids.isEmpty { individuals = [] }
        let dataSet = EventsDataSet(headerLine: header, lines: lines, lineNumbers: lineNumbers, records: records,
                                    individuals: individuals)
        return (dataSet, problems)
    }

    /// CMT 0 or missing on a dose record means the default dose compartment, 1 (NONMEM: "the default
    /// compartment for doses for the particular ADVAN (when the CMT data item is not defined or contains
    /// zero)", nmhelp "DOSE EVENT RECORD"; compartment 1 is the default dose compartment of ADVAN1, 2, 4).
    private static func dosingDefaults(_ record: EventRecord) -> EventRecord {
        var record = record
        if record.event.isDose && record.compartment == 0 { record.compartment = 1 }
        return record
    }
}
