import Fuzzing
import HPG
import Scenario

let observables = HPGModel(drugs: DrugRegistry.all).observables

// Each input is the bytes of a labs file (`forecast --labs`), checked against the observables of a model with
// every drug. A thrown `ScenarioError` is a refusal; a crash, a hang or unbounded memory is a finding.
runFuzzer { bytes in
    guard bytes.count <= LabsFile.maximumFileBytes else { return }
    _ = try? LabsFile.parse(bytes, file: "fuzz.csv", observables: observables)
}
