import Foundation

/// A NONMEM-format data set (as read by `hpgsim events`): header row, one record per line, `.` or an empty
/// field for a missing value. Individuals are runs of consecutive lines with the same ID (NONMEM starts a
/// new individual whenever ID changes from one record to the next).
///
/// The file is read as bytes (fields split on ',' and parsed with `strtod`), so a 670 000-line data set
/// reads in a fraction of a second.
public struct DataSet: Sendable {
    /// The file, and the byte range of the header and of each data line (without the line break).
    public let bytes: [UInt8]
    public let headerRange: Range<Int>
    public let lineRanges: [Range<Int>]
    /// 1-based line number in the file of each data line.
    public let lineNumbers: [Int]
    public let records: [EventRecord]
    /// Consecutive data lines of one individual.
    public let individuals: [Range<Int>]
    /// Problems found while reading beyond the `maximumProblems` returned (counted, not kept).
    public var omittedProblems = 0

    /// Most problems listed: the rest are counted ("… and N more"), so that a file of millions of bad lines
    /// costs no more memory than a good one.
    public static let maximumProblems = 100
    /// Largest data set read (bytes), checked before reading; memory for the records and the output
    /// table is a small multiple of it.
    public static let maximumFileBytes = 256 << 20

    /// A line that cannot be read, with the message "FILE:LINE: …".
    public struct Problem: Sendable, Equatable {
        public var line: Int
        public var message: String

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    /// Simulates every individual with `engine`, on `threads` threads. Returns one result per individual, or —
    /// when any record breaks NONMEM's rules or an integration fails — no results and every problem as
    /// "FILE:LINE: …", sorted by line, together with `parseProblems` (lines that failed to parse are not
    /// reported twice). The answer is the same whatever the thread count: the individuals are simulated
    /// apart, and their outcomes are then taken in order as one thread would take them.
    public func simulate(
        with engine: DosingEngine, parameters: [String: Double], file: String, parseProblems: [Problem] = [],
        threads: Int = 1
    ) -> (results: [DosingResult], problems: [Problem]) {
        // When reading already found more problems than are listed, the lines of those not kept are unknown,
        // so their records would be reported again: the reading problems are the answer.
        if omittedProblems > 0 { return ([], ProblemList(parseProblems, omitted: omittedProblems).listed) }
        var problems = ProblemList(parseProblems)
        let unreadable = Set(parseProblems.map(\.line))
        func report(_ issues: [RecordIssue], _ rows: Range<Int>) {
            for issue in issues {
                let line = lineNumbers[rows.lowerBound + issue.recordIndex]
                if !unreadable.contains(line) {
                    problems.add(Problem(line: line, message: "\(file):\(line): \(issue.item) = \(issue.value): \(issue.message)"))
                }
            }
        }
        // With unreadable lines nothing will be written: the individuals are only checked (nil: not simulated).
        let outcomes: [Result<DosingResult, DosingError>?] = problems.isEmpty
            ? parallelMap(count: individuals.count, threads: threads) { k in
                Result { () throws(DosingError) in try engine.simulate(records: Array(records[individuals[k]]), parameters: parameters) }
            }
            : Array(repeating: nil, count: individuals.count)
        var results: [DosingResult] = []
        results.reserveCapacity(individuals.count)
        for (rows, outcome) in zip(individuals, outcomes) {
            // Once anything is wrong nothing will be written: the other individuals are only checked.
            guard problems.isEmpty else {
                if case .failure(.invalidRecords(let issues))? = outcome {
                    report(issues, rows)
                } else {
                    report(engine.validate(records: Array(records[rows]), parameters: parameters), rows)
                }
                continue
            }
            switch outcome! {   // simulated: there were no problems before the loop
            case .success(let result):
                results.append(result)
            case .failure(.invalidRecords(let issues)):
                report(issues, rows)
            case .failure(let error):
                let line = lineNumbers[rows.lowerBound]
                // The solver's advice names its own option; say where a data set's run sets it.
                let where_ = if case .numericalFailure(let failure) = error, failure.code == .maxStepsReached {
                    " (hpgsim events --max-steps N sets maxSteps; each dose adds \(DosingEngine.stepsPerDose))"
                } else { "" }
                problems.add(Problem(line: line, message: "\(file):\(line): individual starting here: \(error.description)\(where_)"))
            }
        }
        if problems.isEmpty { return (results, []) }
        return ([], problems.listed)
    }

    /// Fewest data lines a reading thread is given (below it, threads cost more than they save).
    static let minimumBlock = 16_384

    /// Where a block of lines puts what it reads: its k-th kept line in slot k of each (at most one slot per
    /// line of the block). The blocks' slots are disjoint parts of the data set's own arrays, so nothing is
    /// copied when the blocks are joined: at most moved down over the slots of lines that were not kept.
    struct LineSlots {
        var records: UnsafeMutablePointer<EventRecord>
        var lineRanges: UnsafeMutablePointer<Range<Int>>
        var lineNumbers: UnsafeMutablePointer<Int>
        var ids: UnsafeMutablePointer<Double>

        func advanced(by n: Int) -> LineSlots {
            LineSlots(records: records + n, lineRanges: lineRanges + n, lineNumbers: lineNumbers + n, ids: ids + n)
        }

        /// Moves `count` kept lines from `source` to these slots (memmove: the ranges may overlap).
        func moveInitialize(from source: LineSlots, count: Int) {
            records.moveInitialize(from: source.records, count: count)
            lineRanges.moveInitialize(from: source.lineRanges, count: count)
            lineNumbers.moveInitialize(from: source.lineNumbers, count: count)
            ids.moveInitialize(from: source.ids, count: count)
        }
    }

    /// Problems in line order, at most `maximumProblems` kept; the rest counted.
    struct ProblemList {
        private var kept: [Problem]
        private var omitted: Int

        init(_ problems: [Problem] = [], omitted: Int = 0) {
            kept = Array(problems.prefix(DataSet.maximumProblems))
            self.omitted = omitted + max(0, problems.count - DataSet.maximumProblems)
        }

        var isEmpty: Bool { kept.isEmpty && omitted == 0 }
        var count: Int { kept.count }
        var omittedCount: Int { omitted }

        mutating func add(_ problem: Problem) {
            if kept.count < DataSet.maximumProblems { kept.append(problem) } else { omitted += 1 }
        }

        /// The problems of the lines after these: kept while there is room, the rest counted, so a list
        /// built block by block equals the one built line by line.
        mutating func append(_ later: ProblemList) {
            for problem in later.kept { add(problem) }
            omitted += later.omitted
        }

        mutating func add(line: Int, _ message: @autoclosure () -> String) {
            if kept.count < DataSet.maximumProblems { kept.append(Problem(line: line, message: message())) } else { omitted += 1 }
        }

        /// Sorted by line (stable), then "… and N more" when some were not kept.
        var listed: [Problem] {
            let sorted = kept.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
            return sorted + (omitted > 0 ? [Problem(line: Int.max, message: "… and \(omitted) more problem\(omitted == 1 ? "" : "s") not listed (fix these first)")] : [])
        }
    }

    /// The NONMEM data items hpgsim reads; other columns are model parameters (when the model has a
    /// parameter of that name) or are passed through untouched.
    public static let standardItems: Set<String> = ["ID", "TIME", "EVID", "AMT", "CMT", "RATE", "II", "ADDL", "SS", "MDV", "DV"]

    /// Parses the file's bytes. Every problem is returned; the data set is nil when the header makes
    /// reading impossible.
    /// `threads` threads read contiguous blocks of lines; the result is the same whatever their number.
    public static func parse(_ bytes: [UInt8], file: String, model: DosingModel, threads: Int = 1) -> (DataSet?, [Problem]) {
        let (parsed, problems) = bytes.withUnsafeBufferPointer { parse($0, file: file, model: model, threads: threads) }
        return (parsed.map { DataSet(bytes: bytes, $0) }, problems)
    }

    /// The file's bytes, read in place (no bounds checks or reference counting per byte).
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Everything `parse` finds except the bytes themselves.
    struct Parsed {
        var headerRange: Range<Int>, lineRanges: [Range<Int>], lineNumbers: [Int], records: [EventRecord]
        var individuals: [Range<Int>], omittedProblems: Int
    }

    private static func parse(_ bytes: Bytes, file: String, model: DosingModel, threads: Int) -> (Parsed?, [Problem]) {
        var lines = lineRanges(bytes)
        while let last = lines.last, bytes[last].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { lines.removeLast() }
        guard let header = lines.first else {
            return (nil, [Problem(line: 1, message: "\(file):1: the data set is empty (a header row is needed)")])
        }
        // A UTF-8 byte-order mark (EF BB BF, written by some spreadsheet programs) is not part of the first name.
        var headerLine = header
        if bytes[header].starts(with: [0xEF, 0xBB, 0xBF]) { headerLine = (header.lowerBound + 3)..<header.upperBound }
        let columns = fieldRanges(bytes, headerLine).map { String(decoding: bytes[trimmed(bytes, $0)], as: UTF8.self).uppercased() }
        func column(_ name: String) -> Int? { columns.firstIndex(of: name) }
        let repeated = Set(columns.enumerated().filter { columns[..<$0.offset].contains($0.element) }.map(\.element)).sorted()
        if !repeated.isEmpty {
            return (nil, [Problem(line: 1, message: "\(file):1: the column\(repeated.count > 1 ? "s" : "") \(repeated.joined(separator: ", ")) appear\(repeated.count > 1 ? "" : "s") more than once in the header (names are compared ignoring case); each column once")])
        }
        var missingColumns = ["ID", "TIME"].filter { column($0) == nil }
        if column("EVID") == nil && column("AMT") == nil { missingColumns.append("EVID or AMT") }
        if !missingColumns.isEmpty {
            return (nil, [Problem(line: 1, message: "\(file):1: missing required column\(missingColumns.count > 1 ? "s" : "") \(missingColumns.joined(separator: ", ")) (header: \(columns.joined(separator: ",")))")])
        }
        let parameterColumns: [(index: Int, name: String)] = columns.enumerated().compactMap { index, name in
            guard !standardItems.contains(name) else { return nil }
            return model.parameterNames.first { $0.uppercased() == name }.map { (index, $0) }
        }
        let (idColumn, timeColumn, evidColumn, amtColumn) = (column("ID"), column("TIME"), column("EVID"), column("AMT"))
        let (cmtColumn, rateColumn, iiColumn, addlColumn, ssColumn) = (column("CMT"), column("RATE"), column("II"), column("ADDL"), column("SS"))

        /// Lines `span` (indices into `lines`, the header excluded), read on their own: a block is read alike
        /// whoever reads the lines before it, except that its first line's items are parsed, not shared.
        /// Returns how many lines were kept (initialised in `slots`) and the block's problems.
        func read(_ span: Range<Int>, into slots: LineSlots) -> (kept: Int, problems: ProblemList) {
            var problems = ProblemList()
            var kept = 0
            let fields = UnsafeMutableBufferPointer<Range<Int>>.allocate(capacity: columns.count)
            defer { fields.deallocate() }
            // This line's and the previous line's parameter fields, trimmed (the previous valid when
            // `previousIsClean`), swapped from line to line.
            var parameterFields = [Range<Int>](repeating: 0..<0, count: parameterColumns.count)
            var previousParameterFields = parameterFields
            var previousIsClean = false
            func sameAsPrevious(_ k: Int) -> Bool {
                let (old, new) = (previousParameterFields[k], parameterFields[k])
                return old.count == new.count && memcmp(bytes.baseAddress! + old.lowerBound, bytes.baseAddress! + new.lowerBound, old.count) == 0
            }
            for offset in span where !isComment(bytes, lines[offset]) {
                let line = lines[offset], lineNumber = offset + 1
                let fieldCount = fieldRanges(bytes, line, into: fields)
                if fieldCount != columns.count {
                    problems.add(Problem(line: lineNumber, message: "\(file):\(lineNumber): \(fieldCount) fields, the header has \(columns.count)"))
                    continue
                }
                // Messages are formatted only when they are kept (a file of bad lines would spend its time on them).
                var rowProblems: [() -> String] = []
                var unreadableColumns: [Int] = []
                /// A numeric field; missing (`.` or empty) gives `missing`.
                func number(_ index: Int?, missing: Double = 0) -> Double {
                    guard let index else { return missing }
                    switch fieldNumber(bytes, fields[index]) {
                    case .missing: return missing
                    case .value(let x): return x
                    case .invalid(let text):
                        unreadableColumns.append(index)
                        rowProblems.append({ "\(file):\(lineNumber): \(columns[index]) = \"\(text)\" is not a number" })
                        return missing
                    }
                }
                func integer(_ index: Int?, allowed: ClosedRange<Int>? = nil) -> Int {
                    guard let index else { return 0 }
                    let x = number(index)
                    guard x == x.rounded(), abs(x) < 1e9 else {
                        rowProblems.append({ "\(file):\(lineNumber): \(columns[index]) = \(x) must be an integer" })
                        return 0
                    }
                    if let allowed, !allowed.contains(Int(x)) {
                        rowProblems.append({ "\(file):\(lineNumber): \(columns[index]) = \(Int(x)) is not allowed; allowed values are \(allowed.lowerBound)…\(allowed.upperBound)" })
                        return 0
                    }
                    return Int(x)
                }
                let id = number(idColumn, missing: .nan)
                if id.isNaN && !unreadableColumns.contains(idColumn!) { rowProblems.append({ "\(file):\(lineNumber): ID is missing" }) }
                let time = number(timeColumn, missing: .nan)
                if time.isNaN && !unreadableColumns.contains(timeColumn!) { rowProblems.append({ "\(file):\(lineNumber): TIME is missing" }) }
                let amount = number(amtColumn), rate = number(rateColumn)
                // Without EVID, a record with an amount or a rate is a dose (NONMEM's MDV/AMT convention).
                let evid = evidColumn == nil ? (amount != 0 || rate != 0 ? 1 : 0) : integer(evidColumn, allowed: 0...4)
                let ss = integer(ssColumn, allowed: 0...2)
                // Parameter columns written exactly as on the previous line share its items (no re-parsing).
                var items: [String: Double] = [:]
                for k in parameterColumns.indices { parameterFields[k] = trimmed(bytes, fields[parameterColumns[k].index]) }
                if previousIsClean, kept > 0, parameterColumns.indices.allSatisfy(sameAsPrevious) {
                    items = slots.records[kept - 1].items
                } else {
                    for (index, name) in parameterColumns {
                        let value = number(index, missing: .nan)
                        if !value.isNaN { items[name] = value }
                    }
                }
                previousIsClean = rowProblems.isEmpty
                swap(&parameterFields, &previousParameterFields)
                var record = EventRecord(
                    time: time, event: EventRecord.Event(rawValue: evid)!, amount: amount,
                    compartment: integer(cmtColumn), rate: rate, interval: number(iiColumn),
                    additionalDoses: integer(addlColumn), steadyState: EventRecord.SteadyState(rawValue: ss)!, items: items)
                // CMT 0 or missing on a dose means the default dose compartment, 1 (NONMEM: "the default
                // compartment for doses for the particular ADVAN (when the CMT data item is not defined or
                // contains zero)", nmhelp "DOSE EVENT RECORD"; it is compartment 1 for ADVAN1, 2 and 4).
                if record.event.isDose && record.compartment == 0 { record.compartment = 1 }
                for problem in rowProblems { problems.add(line: lineNumber, problem()) }
                (slots.records + kept).initialize(to: record)
                (slots.lineRanges + kept).initialize(to: line)
                (slots.lineNumbers + kept).initialize(to: lineNumber)
                (slots.ids + kept).initialize(to: id)
                kept += 1
            }
            return (kept, problems)
        }

        // Blocks of at least `minimumBlock` lines, one per thread.
        let dataLines = 1..<lines.count
        let blockCount = max(1, min(threads, dataLines.count / minimumBlock))
        let blocks = (0..<blockCount).map { k in
            (dataLines.lowerBound + dataLines.count * k / blockCount)..<(dataLines.lowerBound + dataLines.count * (k + 1) / blockCount)
        }
        // Each block reads into the slots of its own lines (line j in slot j − 1); the kept lines are then
        // moved down to follow the previous block's.
        var problems = ProblemList()
        var lineRanges: [Range<Int>] = [], lineNumbers: [Int] = [], ids: [Double] = []
        func adopt<T>(_ buffer: UnsafeMutablePointer<T>, _ count: Int) -> [T] {
            guard count > 0 else { return [] }
            return [T](unsafeUninitializedCapacity: count) { $0.baseAddress!.moveInitialize(from: buffer, count: count); $1 = count }
        }
        let slotCount = max(dataLines.count, 1)
        let records = [EventRecord](unsafeUninitializedCapacity: slotCount) { recordBuffer, count in
            let (rangeBuffer, numberBuffer, idBuffer) = (UnsafeMutablePointer<Range<Int>>.allocate(capacity: slotCount),
                                                         UnsafeMutablePointer<Int>.allocate(capacity: slotCount),
                                                         UnsafeMutablePointer<Double>.allocate(capacity: slotCount))
            defer { rangeBuffer.deallocate(); numberBuffer.deallocate(); idBuffer.deallocate() }
            let slots = LineSlots(records: recordBuffer.baseAddress!, lineRanges: rangeBuffer, lineNumbers: numberBuffer, ids: idBuffer)
            let reads = parallelMap(count: blockCount, threads: threads) { k in
                read(blocks[k], into: slots.advanced(by: blocks[k].lowerBound - 1))
            }
            var kept = 0
            for (block, read) in zip(blocks, reads) {
                let first = block.lowerBound - 1
                if first != kept { slots.advanced(by: kept).moveInitialize(from: slots.advanced(by: first), count: read.kept) }
                kept += read.kept
                problems.append(read.problems)
            }
            count = kept
            (lineRanges, lineNumbers, ids) = (adopt(rangeBuffer, kept), adopt(numberBuffer, kept), adopt(idBuffer, kept))
        }
        var individuals: [Range<Int>] = []
        var start = 0
        for i in ids.indices.dropFirst() where ids[i] != ids[i - 1] {
            individuals.append(start..<i)
            start = i
        }
        if !ids.isEmpty { individuals.append(start..<ids.count) }
        let parsed = Parsed(headerRange: header, lineRanges: lineRanges, lineNumbers: lineNumbers, records: records,
                            individuals: individuals, omittedProblems: problems.omittedCount)
        return (parsed, problems.listed.filter { $0.line != Int.max })
    }

    /// Byte ranges of the lines (LF or CRLF line ends).
    /// (Line ends are found with memchr, which scans many bytes per instruction.)
    static func lineRanges(_ b: Bytes) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        guard let base = b.baseAddress else { return ranges }
        var start = 0
        while start < b.count, let found = memchr(base + start, 0x0A, b.count - start) {
            let i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            ranges.append(start..<(i > start && b[i - 1] == 0x0D ? i - 1 : i))
            start = i + 1
        }
        if start < b.count { ranges.append(start..<b.count) }
        return ranges
    }

    static func fieldRanges(_ bytes: Bytes, _ line: Range<Int>) -> [Range<Int>] {
        let commas = bytes[line].reduce(0) { $0 + ($1 == 0x2C ? 1 : 0) }
        return [Range<Int>](unsafeUninitializedCapacity: commas + 1) { buffer, count in
            count = fieldRanges(bytes, line, into: buffer)
        }
    }

    /// The number of comma-separated fields of `line`, and the byte ranges of the first `ranges.count` of
    /// them in `ranges`. A field in double quotes (RFC 4180, as spreadsheets write CSV) may hold commas; a
    /// doubled quote inside it is a quote.
    static func fieldRanges(_ bytes: Bytes, _ line: Range<Int>, into ranges: UnsafeMutableBufferPointer<Range<Int>>) -> Int {
        let base = bytes.baseAddress!
        var count = 0, start = line.lowerBound, i = line.lowerBound
        @inline(__always) func endField(at i: Int) {
            if count < ranges.count { ranges[count] = start..<i }
            count += 1
            start = i + 1
        }
        if memchr(base + line.lowerBound, 0x22, line.count) == nil {
            // No quote on the line (the usual case): every comma ends a field.
            while i < line.upperBound {
                if base[i] == 0x2C { endField(at: i) }
                i += 1
            }
        } else {
            var quoted = false
            while i < line.upperBound {
                if base[i] == 0x22 { quoted.toggle() } else if base[i] == 0x2C && !quoted { endField(at: i) }
                i += 1
            }
        }
        if count < ranges.count { ranges[count] = start..<line.upperBound }
        return count + 1
    }

    /// The field without surrounding blanks, and without its quotes when it is quoted.
    static func trimmed(_ bytes: Bytes, _ range: Range<Int>) -> Range<Int> {
        var (low, high) = (range.lowerBound, range.upperBound)
        while true {
            while low < high && (bytes[low] == 0x20 || bytes[low] == 0x09) { low += 1 }
            while high > low && (bytes[high - 1] == 0x20 || bytes[high - 1] == 0x09) { high -= 1 }
            guard high - low >= 2 && bytes[low] == 0x22 && bytes[high - 1] == 0x22 else { return low..<high }
            (low, high) = (low + 1, high - 1)   // inside the quotes, trimmed again
        }
    }

    /// A comment row, skipped as NONMEM skips it: first character `#` (its default, IGNORE=#) or `C` (IGNORE=C).
    static func isComment(_ bytes: Bytes, _ line: Range<Int>) -> Bool {
        guard let first = line.first else { return false }
        return bytes[first] == 0x23 || bytes[first] == 0x43
    }

    enum Field { case missing, value(Double), invalid(String) }

    /// `parseNumber` of the trimmed field. A plain decimal without blanks or quotes (the usual field) is read
    /// at once; only other fields are trimmed first.
    static func fieldNumber(_ bytes: Bytes, _ field: Range<Int>) -> Field {
        if !field.isEmpty, !(field.count == 1 && bytes[field.lowerBound] == 0x2E), let x = exactDecimal(bytes, field) {
            return .value(x)
        }
        return parseNumber(bytes, trimmed(bytes, field))
    }

    /// A field as a number: empty or "." is missing; otherwise the whole field must be a finite decimal.
    /// Read by `exactDecimal` when it can, otherwise by `strtod`; both give the correctly rounded double.
    static func parseNumber(_ bytes: Bytes, _ range: Range<Int>) -> Field {
        if range.isEmpty || (range.count == 1 && bytes[range.lowerBound] == 0x2E) { return .missing }
        if let x = exactDecimal(bytes, range) { return .value(x) }
        let parsed: Double? = range.count < 64 ? withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            for (k, i) in range.enumerated() { buffer[k] = CChar(bitPattern: bytes[i]) }
            buffer[range.count] = 0
            var end: UnsafeMutablePointer<CChar>? = nil
            let x = strtod(buffer.baseAddress!, &end)
            guard let end, end - buffer.baseAddress! == range.count, x.isFinite else { return nil }
            return x
        } : nil
        return parsed.map { .value($0) } ?? .invalid(String(decoding: bytes[range], as: UTF8.self))
    }


    /// A plain decimal ([sign] digits [. digits]) with at most 15 significant digits and at most 22 digits
    /// after the point, as digits / 10^fraction; nil for anything else (exponents, longer numbers, text).
    /// The integer of the digits (< 10¹⁵ < 2⁵³) and the power of ten (≤ 10²²) are exact doubles, so the
    /// single division is correctly rounded: the same double as strtod's (W. D. Clinger 1990, "How to read
    /// floating point numbers accurately", PLDI '90, the fast path).
    static func exactDecimal(_ bytes: Bytes, _ range: Range<Int>) -> Double? {
        var i = range.lowerBound
        let negative = bytes[i] == 0x2D
        if negative || bytes[i] == 0x2B { i += 1 }
        var digits: UInt64 = 0, significantDigits = 0, fractionDigits = 0
        var sawDigit = false, sawPoint = false
        while i < range.upperBound {
            let byte = bytes[i]
            i += 1
            if byte == 0x2E && !sawPoint {
                sawPoint = true
                continue
            }
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            sawDigit = true
            if sawPoint { fractionDigits += 1 }
            if digits == 0 && byte == 0x30 { continue }   // a leading zero is not significant
            significantDigits += 1
            guard significantDigits <= 15 else { return nil }
            digits = digits * 10 + UInt64(byte - 0x30)
        }
        guard sawDigit && fractionDigits <= 22 else { return nil }
        let x = Double(digits) / exactPowerOfTen(fractionDigits)
        return negative ? -x : x
    }
}

extension DataSet {
    fileprivate init(bytes: [UInt8], _ p: Parsed) {
        self.init(bytes: bytes, headerRange: p.headerRange, lineRanges: p.lineRanges, lineNumbers: p.lineNumbers,
                  records: p.records, individuals: p.individuals, omittedProblems: p.omittedProblems)
    }
}
