import Fuzzing
import Scenario

let loader = ScenarioLoader(catalog: .hpg)

// Each input is the bytes of a scenario file, read as `ScenarioLoader.load(path:)` reads a file (larger than the
// limit or not UTF-8: refused before parsing). A thrown `ScenarioError` is a refusal, the right outcome for most
// inputs; a crash, a hang or unbounded memory is a finding.
runFuzzer { bytes in
    guard bytes.count <= ScenarioLoader.maximumFileBytes, let text = String(validating: bytes, as: UTF8.self) else { return }
    _ = try? loader.parse(text, file: "fuzz.yaml")
}
