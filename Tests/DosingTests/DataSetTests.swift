import Foundation
import Testing
@testable import Dosing

/// Reading NONMEM-format data sets: problems carry file line numbers and are all reported at once.
@Suite struct DataSetTests {
    let model = PKLibrary.model(named: "pk1cmt-depot")!

    func parse(_ text: String) -> (DataSet?, [DataSet.Problem]) {
        DataSet.parse(Array(text.utf8), file: "d.csv", model: model)
    }

    @Test func everyProblemIsReportedWithItsLine() {
        let text = """
            ID,TIME,EVID,AMT,CMT,II,ADDL
            1,0,1,100,1,0,3
            1,5,0,10,2,.,.
            1,4,0,.,2,.,.
            1,-1,0,.,9,.,.
            1,6,7,.,2,.,.
            1,7,0,abc,2,.,.

            """
        let (dataSet, parseProblems) = parse(text)
        let (results, problems) = dataSet!.simulate(
            with: DosingEngine(model: model), parameters: ["CL": 2, "V": 10, "KA": 1], file: "d.csv",
            parseProblems: parseProblems)
        #expect(results.isEmpty)
        #expect(problems.map(\.line) == [2, 3, 4, 5, 5, 6, 7])
        #expect(problems[0].message.hasPrefix("d.csv:2: II = 0"))
        #expect(problems[5].message.contains("EVID = 7"))
    }

    /// Repeated covariate values share one set of items; a bad value is reported on every line it is on.
    @Test func repeatedParameterColumns() throws {
        let (dataSet, problems) = parse("ID,TIME,AMT,CL\n1,0,100,2\n1,1,.,2\n1,2,.,x\n1,3,.,x\n1,4,.,3\n")
        #expect(problems.map(\.line) == [4, 5])
        let d = try #require(dataSet)
        #expect(d.records.map { $0.items["CL"] } == [2, 2, nil, nil, 3])
    }

    /// A data set with no data line (a header, or a header and comments) reads as no records and no problems.
    @Test func headerOnlyDataSetHasNoRecords() throws {
        for text in ["ID,TIME,AMT\n", "ID,TIME,AMT\n# a comment\n"] {
            let (dataSet, problems) = parse(text)
            let d = try #require(dataSet)
            #expect(problems.isEmpty && d.records.isEmpty && d.lineRanges.isEmpty && d.individuals.isEmpty)
        }
    }

    @Test func missingColumnsAreNamed() {
        let (dataSet, problems) = parse("ID,AMT\n1,3\n")
        #expect(dataSet == nil)
        #expect(problems.count == 1 && problems[0].message.contains("missing required column TIME"))
    }

    /// '.' is missing: 0 for NONMEM items, "not given" for parameter columns (the --param value applies);
    /// CMT 0 on a dose is the default dose compartment 1; without EVID a record with AMT is a dose.
    @Test func missingValuesDefaultsAndParameterColumns() throws {
        let text = "ID,TIME,AMT,CMT,CL\n1,0,100,0,.\n1,2,.,2,4\n2,0,50,.,.\n"
        let (dataSet, problems) = parse(text)
        #expect(problems.isEmpty)
        let d = try #require(dataSet)
        #expect(d.individuals == [0..<2, 2..<3])
        #expect(d.records[0].event == .dose && d.records[0].compartment == 1 && d.records[0].items.isEmpty)
        #expect(d.records[1].event == .observation && d.records[1].items == ["CL": 4])
        #expect(d.lineNumbers == [2, 3, 4])
        let (results, simulationProblems) = d.simulate(
            with: DosingEngine(model: model), parameters: ["CL": 2, "V": 10, "KA": 1], file: "d.csv")
        #expect(simulationProblems.isEmpty && results.count == 2)
        // CL = 4 on the record at t = 2 governs (0, 2]: central amount of the oral closed form with k = 0.4.
        let expected = ClosedForm.oral(100, ka: 1, k: 0.4, 2)
        #expect(relativeError(results[0].recordStates[1][1], expected) < 1e-6)
    }

    /// A data set of 60 individuals × 601 lines (more than two reading blocks of `DataSet.minimumBlock`
    /// lines), read, simulated and written on 1, 2 and 3 threads: the same records, problems and bytes. With
    /// bad lines in the first and the last individual, and then 150 bad lines (more than the 100 listed), the
    /// problem lists are equal too: the blocks' lists join as one list built line by line.
    @Test(arguments: [[], [3, 36_000], Array(stride(from: 5, to: 36_000, by: 240))])
    func threadsGiveTheSameAnswer(badLines: [Int]) throws {
        var lines = ["ID,TIME,EVID,AMT,CMT,II,ADDL,CL,V,KA"]
        for id in 1...60 {
            let p = "\(1 + Double(id % 7) / 10),\(20 + id % 5),\(1 + Double(id % 3) / 2)"
            lines.append("\(id),0,1,100,1,24,27,\(p)")
            for t in 0..<600 { lines.append("\(id),\(Double(t) * 1.12),0,.,2,.,.,\(p)") }
        }
        for line in badLines { lines[line - 1] = lines[line - 1].replacingOccurrences(of: ",0,.,2,", with: ",0,x,2,") }
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        #expect(lines.count - 1 > 2 * DataSet.minimumBlock)
        func run(_ threads: Int) -> (records: [EventRecord], problems: [DataSet.Problem], table: [UInt8]) {
            let (dataSet, parseProblems) = DataSet.parse(bytes, file: "d.csv", model: model, threads: threads)
            let (results, problems) = dataSet!.simulate(with: DosingEngine(model: model), parameters: [:], file: "d.csv",
                                                        parseProblems: parseProblems, threads: threads)
            let table = problems.isEmpty
                ? dataSet!.outputTable(results: results, addedColumns: ["CP"], threads: threads, numberCapacity: 32) { x, out in
                    let text = Array(String(x).utf8)
                    out.update(from: text, count: text.count)
                    return text.count
                }.flatMap { $0 }
                : []
            return (dataSet!.records, problems, table)
        }
        let one = run(1)
        #expect(one.problems.count == min(badLines.count, DataSet.maximumProblems) + (badLines.count > DataSet.maximumProblems ? 1 : 0))
        #expect(one.table.isEmpty == !badLines.isEmpty)
        for threads in [2, 3] {
            let many = run(threads)
            #expect(many.records == one.records)
            #expect(many.problems == one.problems)
            #expect(many.table == one.table)
        }
    }

    /// The direct decimal reader gives exactly strtod's correctly rounded double (Clinger's fast path:
    /// an exact integer divided by an exact power of ten), and leaves everything else to strtod.
    @Test func directDecimalsAreReadAsStrtodReadsThem() {
        var generator = SplitMix64(seed: 20261125)
        var texts = ["0", "-0", "+7", "1.", ".5", "0.1", "0.0000000000000000000001", "123456789012345",
                     "1.23456789012345", "-99.999", "20.3467", "0.30000000000000004"]
        for _ in 0..<2_000 {
            let digits = String(UInt64.random(in: 0...999_999_999_999_999, using: &generator))
            let point = Int.random(in: 0...digits.count, using: &generator)
            texts.append(String(digits.prefix(point)) + "." + String(digits.dropFirst(point)))
        }
        var direct = 0
        for text in texts {
            let bytes = Array(text.utf8)
            guard let x = bytes.withUnsafeBufferPointer({ DataSet.exactDecimal($0, 0..<$0.count) }) else { continue }
            direct += 1
            #expect(x.bitPattern == strtod(text, nil).bitPattern, "\(text)")
        }
        #expect(direct == texts.count - 1)   // all but the 17-digit one
        for text in ["1e5", "0.12345678901234567", "1.2.3", "-", "+.", "x", "1 2"] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { DataSet.exactDecimal($0, 0..<$0.count) } == nil, "\(text)")
        }
    }
}

/// A seeded generator (SplitMix64, Steele, Lea & Flood 2014), so the random cases are the same every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
