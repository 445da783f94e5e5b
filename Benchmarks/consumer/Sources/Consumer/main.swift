import Dosing
import Foundation
import HPG
import Scenario

// 1. A scenario file through the scenario reader, as `hpgsim run` reads it.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../..").standardized
let file = root.appendingPathComponent("scenarios/anastrozole-shah-2021.yaml").path
let scenario = try ScenarioLoader(catalog: .hpg).load(path: file)
let result = try scenario.simulate(units: .conventional)
let t = result.csv.columns.first { $0.name == "testosterone" }!
print("\(scenario.name): testosterone \(formatNumber(t.values[0], significantDigits: 4)) → "
      + "\(formatNumber(t.values[150], significantDigits: 4)) ng/dL at day 150")

// 2. The model directly: a man and his doses as NONMEM records.
let patient = Patient(profile: "overweight", labs: BaselineLabs(testosterone_ng_per_dL: 270, estradiol_pg_per_mL: 32))
let doses = [DrugDose(drug: "anastrozole", record: .dose(1, at: 0, compartment: 1, interval: 24, additionalDoses: 149))]
let trajectory = try HPG.simulate(patient: patient, doses: doses, outputTimes: [0, 24 * 150])
print("HPG.simulate: estradiol \(trajectory.series("estradiol")!.map { formatNumber($0, significantDigits: 4) }) pg/mL")
