import Foundation
import Testing
@testable import HPG

/// The conditions table (seed 004) and the documents' obesity statements, on the condition profiles.
@Suite struct ConditionsTests {
    typealias S = DrugsSupport
    static let conditions = ["normal-weight", "overweight", "obese", "secondary-hypogonadism", "insulin-resistance",
                             "primary-hypogonadism", "klinefelter", "hyperprolactinemia", "hypothyroidism"]

    /// Every profile change names a model parameter, keeps it positive, and carries a source or assumption.
    @Test func everyProfileChangeIsAParameterWithASource() {
        let model = HPGModel()
        for profile in ProfileRegistry.all {
            for (name, value) in profile.overrides {
                #expect(model.parameterIndex(name) != nil, "\(profile.name): \(name)")
                #expect(value > 0 && value.isFinite)
                #expect(!(profile.sources[name] ?? "").isEmpty, "\(profile.name): \(name) has no source")
            }
        }
    }

    func baseline(_ profile: String, _ name: String) throws -> Double {
        let model = HPGModel()
        let (y, p) = try Patient(profile: profile).baseline(model)
        return model.observe(y, p)[model.observableIndex(name)!]
    }

    /// "Men with an abnormal testosterone-to-estradiol ratio, often defined as a ratio below 10 … frequently
    /// includes men with obesity" (seed 002).
    @Test func obeseMenStartWithLowTE2Ratio() throws {
        let normal = try baseline("normal-weight", "T_E2_ratio")
        #expect(try baseline("obese", "T_E2_ratio") < 10)
        #expect(try baseline("obese", "T_E2_ratio") < normal)
        #expect(try baseline("obese", "testosterone") < baseline("normal-weight", "testosterone"))
        #expect(try baseline("obese", "estradiol") > baseline("normal-weight", "estradiol"))
    }

    /// Seed 004's table, the condition itself: primary failure and Klinefelter "low T despite high LH/FSH";
    /// secondary hypogonadism and hyperprolactinemia low LH/FSH and low T.
    @Test func conditionBaselinesHaveTheirLabPattern() throws {
        let lh = try baseline("normal-weight", "LH"), t = try baseline("normal-weight", "testosterone")
        for profile in ["primary-hypogonadism", "klinefelter"] {
            #expect(try baseline(profile, "LH") > 2 * lh, "\(profile)")
            #expect(try baseline(profile, "testosterone") < 0.6 * t, "\(profile)")
        }
        for profile in ["secondary-hypogonadism", "hyperprolactinemia"] {
            #expect(try baseline(profile, "LH") < lh, "\(profile)")
            #expect(try baseline(profile, "testosterone") < 0.6 * t, "\(profile)")
        }
    }

    /// Anastrozole 1 mg twice weekly in each condition; T, LH and sperm change over months 5–6.
    static func response(_ profile: String) throws -> (t: Double, lh: Double) {
        let doses = [S.dose("anastrozole", 1, every: 84, count: 52)]
        let run = try S.run(doses, patient: Patient(profile: profile), days: 182)
        return (S.ratio(run, "testosterone", days: 150...182) - 1, S.ratio(run, "LH", days: 150...182) - 1)
    }

    /// Seed 004: anastrozole is "highly beneficial" in obesity and "can be highly effective" in secondary
    /// hypogonadism "if estrogen feedback is a contributing factor"; in insulin resistance its benefits "may be
    /// somewhat mitigated"; it is "less effective" in primary hypogonadism, of "limited efficacy" in Klinefelter,
    /// "not primary treatment" in hyperprolactinemia and "less effective if thyroid not optimized".
    @Test func anastrozoleResponsesRankAsTheConditionsTable() throws {
        let rise = try Dictionary(uniqueKeysWithValues: Self.conditions.map { ($0, try Self.response($0)) })
        let most = min(rise["obese"]!.t, rise["secondary-hypogonadism"]!.t)
        let little = ["primary-hypogonadism", "klinefelter", "hyperprolactinemia", "hypothyroidism"].map { rise[$0]!.t }.max()!
        #expect(most > rise["insulin-resistance"]!.t, "\(rise)")
        #expect(rise["insulin-resistance"]!.t > rise["normal-weight"]!.t)
        #expect(rise["normal-weight"]!.t > little)
        #expect(most > 2 * little, "\(rise)")
        // Primary failure: "HPG axis disinhibited but end-organ (testes) unresponsive" — LH rises, T barely.
        for profile in ["primary-hypogonadism", "klinefelter"] {
            #expect(rise[profile]!.lh > 3 * rise[profile]!.t, "\(profile): \(rise[profile]!)")
            #expect(rise[profile]!.t < 0.1, "\(profile): \(rise[profile]!)")
        }
    }
}
