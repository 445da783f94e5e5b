import Testing
@testable import Dosing

/// NONMEM's data-set rules: every broken rule reported with its record, all at once.
@Suite struct RecordCheckTests {
    let engine = DosingEngine(model: PKLibrary.model(named: "pk1cmt-depot")!)
    let parameters = ["CL": 2.0, "V": 10.0, "KA": 1.0]

    @Test func everyProblemIsListedWithItsRecord() {
        let records: [EventRecord] = [
            .dose(100, at: 0, compartment: 1),
            .observation(at: 5),
            .observation(at: 4),                                             // 2: TIME decreases
            EventRecord(time: 6, event: .observation, amount: 10),           // 3: AMT on an observation
            .dose(100, at: 7, compartment: 1, additionalDoses: 3),           // 4: ADDL > 0 with II = 0
            .dose(100, at: 8, compartment: 1, steadyState: .reset),          // 5: SS with AMT > 0 and II = 0
            .dose(100, at: 9, compartment: 7),                               // 6: unknown CMT
            .dose(100, at: 10, compartment: 1, rate: -1),                    // 7: RATE = -1 without R1
        ]
        let issues = engine.validate(records: records, parameters: parameters)
        #expect(issues.map(\.recordIndex) == [2, 3, 4, 5, 6, 7])
        #expect(issues.map(\.item) == ["TIME", "AMT", "II", "II", "CMT", "R1"])
        #expect(throws: DosingError.self) { try engine.simulate(records: records, parameters: parameters) }
    }

    /// Observations may name the output compartment (n + 1, NONMEM's numbering), doses may not.
    @Test func outputCompartmentOnlyForObservations() {
        let records: [EventRecord] = [.dose(1, at: 0, compartment: 3), EventRecord(time: 1, compartment: 3),
                                      EventRecord(time: 2, compartment: 4)]
        let issues = engine.validate(records: records, parameters: parameters)
        #expect(issues.map(\.recordIndex) == [0, 2])
    }

    @Test func negativeTimeAndMissingParametersAreReported() {
        let issues = engine.validate(records: [.observation(at: -1)], parameters: ["CL": 2])
        #expect(issues.map(\.item) == ["TIME", "V", "KA"])
    }

    @Test func unknownCallerParameterIsRejected() {
        #expect(throws: DosingError.self) {
            try engine.simulate(records: [.observation(at: 0)], parameters: ["CLEARANCE": 2])
        }
    }

    @Test func steadyStateConstantInfusionRules() {
        let bad = EventRecord(time: 0, event: .dose, amount: 0, rate: 5, additionalDoses: 2, steadyState: .reset)
        let issues = engine.validate(records: [bad], parameters: parameters)
        #expect(issues.map(\.item) == ["ADDL"])
    }
}
