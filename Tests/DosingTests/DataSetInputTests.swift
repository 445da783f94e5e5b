import Foundation
import Testing
@testable import Dosing

/// Valid input accepted, nonsense refused, bad files bounded (issue 13).
@Suite struct DataSetInputTests {
    let model = PKLibrary.model(named: "pk1cmt-depot")!

    func parse(_ text: String) -> (DataSet?, [DataSet.Problem]) {
        DataSet.parse(Array(text.utf8), file: "d.csv", model: model)
    }

    /// A UTF-8 byte-order mark before the header is not part of the first column's name: the records read
    /// as without it, and the amount after the bolus is the closed form of ADVAN2's central compartment.
    @Test func byteOrderMarkIsAccepted() throws {
        let body = "ID,TIME,EVID,AMT,CMT\n1,0,1,100,1\n1,2,0,.,2\n"
        let (withMark, problems) = parse("\u{FEFF}" + body)
        #expect(problems.isEmpty)
        let dataSet = try #require(withMark)
        #expect(dataSet.records == parse(body).0!.records)
        let (results, simulationProblems) = dataSet.simulate(with: DosingEngine(model: tightModel("pk1cmt-depot")),
                                                             parameters: ["CL": 2, "V": 10, "KA": 1], file: "d.csv")
        #expect(simulationProblems.isEmpty)
        #expect(relativeError(results[0].recordStates[1][1], ClosedForm.oral(100, ka: 1, k: 0.2, 2)) < 1e-9)
    }

    /// What spreadsheets and NONMEM files hold (issue 12): quoted fields, a quoted header, and comment rows that
    /// NONMEM skips (first character `#`, its default IGNORE=#, or `C`, IGNORE=C) read as the plain file does.
    @Test func quotedFieldsAndCommentRowsAreRead() throws {
        let plain = "ID,TIME,EVID,AMT,CMT\n1,0,1,100,1\n1,2,0,.,2\n"
        let dressed = "\"ID\",\"TIME\",EVID,AMT,CMT\n# dose\n\"1\", \"0\",1,\"100\",1\nC observation follows\n1,2,0,.,2\n"
        let (withQuotes, problems) = parse(dressed)
        #expect(problems.isEmpty, "\(problems)")
        #expect(try #require(withQuotes).records == parse(plain).0!.records)
        #expect(withQuotes!.records.count == 2)
    }

    /// The same column twice (names compared ignoring case, as columns are matched) is refused at line 1.
    @Test func duplicateColumnsAreRefused() {
        let (dataSet, problems) = parse("ID,TIME,AMT,CL,cl\n1,0,100,2,3\n")
        #expect(dataSet == nil)
        #expect(problems.map(\.line) == [1])
        #expect(problems[0].message.contains("CL"))
    }

    /// Millions of bad lines keep at most `maximumProblems` messages, and say how many more there were.
    @Test func problemsAreCappedWithACount() throws {
        let rows = 5 * DataSet.maximumProblems
        let text = "ID,TIME,AMT\n" + String(repeating: "1,x,100\n", count: rows)
        let (dataSet, problems) = parse(text)
        #expect(problems.count == DataSet.maximumProblems)
        let d = try #require(dataSet)
        #expect(d.omittedProblems == rows - DataSet.maximumProblems)   // one problem per line: TIME = "x"
        let (_, listed) = d.simulate(with: DosingEngine(model: model), parameters: ["CL": 2, "V": 10, "KA": 1],
                                     file: "d.csv", parseProblems: problems)
        #expect(listed.count == DataSet.maximumProblems + 1)
        #expect(listed.last!.message.contains("\(rows - DataSet.maximumProblems) more"))
    }

    /// A zero or negative clearance or volume (a data column or the caller's value) is refused: it would give
    /// growing amounts or negative concentrations.
    @Test func nonPositiveClearanceOrVolumeIsRefused() throws {
        let engine = DosingEngine(model: model)
        let (dataSet, _) = parse("ID,TIME,AMT,CMT,V\n1,0,100,1,10\n1,1,.,2,-10\n1,2,.,2,-10\n")
        let (results, problems) = try #require(dataSet).simulate(with: engine, parameters: ["CL": 2, "KA": 1],
                                                                 file: "d.csv")
        #expect(results.isEmpty)
        #expect(problems.map(\.line) == [3])
        #expect(problems[0].message.contains("V = -10"))
        let issues = engine.validate(records: [.dose(100, at: 0)], parameters: ["CL": 0, "V": 10, "KA": 1])
        #expect(issues.map(\.item) == ["CL"])
    }

    /// A run that reaches maxSteps says how a data set's run raises it (the solver's own advice names its
    /// option, which a command-line user cannot set by that name). A stiff depot model (CL/V = 10⁴/h) under
    /// an explicit method with 10 steps allowed (+ 500 for the dose) cannot reach 1000 h. (Its amounts are
    /// integrated by the method: advanced exactly as a linear block, they would not limit the step.)
    @Test func maxStepsAdviceCanBeFollowed() throws {
        var stiff = model
        stiff.linearKinetics = []
        stiff.method = .vern7
        stiff.solverOptions.maxSteps = 10
        let (dataSet, _) = parse("ID,TIME,EVID,AMT,CMT\n1,0,1,100,1\n1,1000,0,.,2\n")
        let (_, problems) = try #require(dataSet).simulate(with: DosingEngine(model: stiff),
                                                           parameters: ["CL": 1e4, "V": 1, "KA": 1], file: "d.csv")
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("--max-steps") == true)
    }
}
