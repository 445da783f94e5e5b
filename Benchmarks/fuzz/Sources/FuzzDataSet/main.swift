import Dosing
import Fuzzing

let model = PKLibrary.twoCompartmentDepot

// Each input is the bytes of a data set, parsed as `hpgsim events --model pk2cmt-depot` parses one. Problems
// listed are refusals; a crash, a hang or unbounded memory is a finding.
runFuzzer { bytes in
    guard bytes.count <= DataSet.maximumFileBytes else { return }
    _ = DataSet.parse(bytes, file: "fuzz.csv", model: model)
}
