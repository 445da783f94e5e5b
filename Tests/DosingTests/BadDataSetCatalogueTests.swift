import Testing
@testable import Dosing

/// A catalogue of bad data-set lines (issue 13). Each is one line appended to a valid data set; each must
/// be refused with a message "d.csv:LINE: …" naming that line (line 4), so nothing is written.
@Suite struct BadDataSetCatalogueTests {
    static let header = "ID,TIME,EVID,AMT,CMT,RATE,II,ADDL,SS,CL,V,KA\n1,0,1,100,1,0,0,0,0,2,10,1\n1,1,0,.,2,0,0,0,0,2,10,1\n"

    static let lines = [
        "1,-1,0,.,2,0,0,0,0,2,10,1",            // negative TIME
        "1,0.5,0,.,2,0,0,0,0,2,10,1",           // TIME decreases
        "1,abc,0,.,2,0,0,0,0,2,10,1",           // TIME not a number
        "1,1e999,0,.,2,0,0,0,0,2,10,1",         // TIME not finite
        "1,2,7,.,2,0,0,0,0,2,10,1",             // EVID outside 0–4
        "1,2,1.5,.,2,0,0,0,0,2,10,1",           // EVID not whole
        "1,2,1,0,1,0,0,0,0,2,10,1",             // dose of 0
        "1,2,1,-5,1,0,0,0,0,2,10,1",            // negative dose
        "1,2,1,1e999,1,0,0,0,0,2,10,1",         // infinite dose
        "1,2,0,5,2,0,0,0,0,2,10,1",             // AMT on an observation
        "1,2,1,5,9,0,0,0,0,2,10,1",             // unknown CMT
        "1,2,1,5,-1,0,0,0,0,2,10,1",            // negative CMT
        "1,2,1,5,1,-3,0,0,0,2,10,1",            // RATE not allowed
        "1,2,1,5,1,-1,0,0,0,2,10,1",            // RATE −1 without R1
        "1,2,1,5,1,-2,0,0,0,2,10,1",            // RATE −2 without D1
        "1,2,1,5,1,0,-1,0,0,2,10,1",            // negative II
        "1,2,1,5,1,0,12,0,0,2,10,1",            // II without ADDL
        "1,2,1,5,1,0,0,3,0,2,10,1",             // ADDL without II
        "1,2,1,5,1,0,0,-3,0,2,10,1",            // negative ADDL
        "1,2,1,5,1,0,1,999999999,0,2,10,1\n1,2e6,0,.,2,0,0,0,0,2,10,1",   // 2·10⁶ doses in the span
        "1,2,1,5,1,0,0,0,3,2,10,1",             // SS outside 0–2
        "1,2,1,5,1,0,0,0,1,2,10,1",             // SS bolus without II
        "1,2,1,0,1,-2,0,0,1,2,10,1",            // SS constant infusion with a modeled duration
        "1,2,0,.,2,0,0,0,1,2,10,1",             // SS on an observation
        "1,2,0,.,2,0,0,0,0,-2,10,1",            // negative clearance
        "1,2,0,.,2,0,0,0,0,2,0,1",              // zero volume
        "1,2,0,.,2,0,0,0,0,2,10,-1",            // negative KA
        "1,2,0,.,2,0,0,0,0,2,10",               // a field missing
        "1,2,0,.,2,0,0,0,0,2,10,1,9",           // a field too many
        ",2,0,.,2,0,0,0,0,2,10,1",              // ID missing
    ]

    @Test(arguments: lines.indices) func badLineIsReportedAtItsLine(_ index: Int) {
        let model = PKLibrary.model(named: "pk1cmt-depot")!
        let (dataSet, parseProblems) = DataSet.parse(Array((Self.header + Self.lines[index] + "\n").utf8), file: "d.csv", model: model)
        let problems = dataSet.map {
            $0.simulate(with: DosingEngine(model: model), parameters: [:], file: "d.csv", parseProblems: parseProblems)
        }.map { results, problems in
            #expect(results.isEmpty)
            return problems
        } ?? parseProblems
        #expect(!problems.isEmpty, "line \(Self.lines[index]) was accepted")
        #expect(problems.allSatisfy { $0.message.hasPrefix("d.csv:\($0.line): ") })
        #expect(problems.contains { $0.line == 4 }, "\(problems.map(\.message))")
    }
}
