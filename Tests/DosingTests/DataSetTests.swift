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
}
