import Dosing
import Testing
@testable import Scenario

/// A regimen of which only the first dose falls inside the simulation (a 1-day simulation of a twice-weekly
/// regimen) is one dose record with ADDL = 0 and, as NONMEM requires then, II = 0; it simulates.
struct SingleDoseRegimenTests {
    @Test func oneDoseInsideTheSimulationHasNoInterval() throws {
        let scenario = try ScenarioLoader(catalog: .hpg).parse("""
            title: one dose
            patient:
              profile: overweight
            regimens:
              - drug: anastrozole
                dose: 1 mg
                times_per_week: 2
                duration: 6 months
            simulation:
              duration: 1 d
            """, file: "one-dose.yaml")
        let doses = scenario.doses()
        #expect(doses.count == 1)
        #expect(doses.first?.record.interval == 0 && doses.first?.record.additionalDoses == 0)
        #expect(throws: Never.self) { try scenario.simulate(units: .conventional) }
    }
}
