import Foundation
import Testing
@testable import HPG

/// Post-TRT restart: "a man discontinuing TRT might receive Gonadorelin to restart his natural HPG axis function,
/// with Anastrozole potentially added if estrogen levels become disproportionately high" (seed 002); the
/// suppression "is reversible" (seed 000). Testosterone cypionate 100 mg weekly for 26 weeks, then from day 196
/// nothing, clomiphene 25 mg/d, clomiphene + anastrozole 0.5 mg twice weekly, or a gonadorelin pump.
@Suite struct DrugsRestartTests {
    typealias S = DrugsSupport
    static let restartStart = 196.0 * 24
    static let trt = S.dose("testosterone_cypionate", 100, every: 168, count: 26)
    static let clomiphene = S.dose("clomiphene", 25, every: 24, count: 91, start: restartStart)
    static let anastrozole = [0.0, 72].map { S.dose("anastrozole", 0.5, every: 168, count: 13, start: restartStart + $0) }
    /// 5 µg SC every 90 min for 4 weeks: one record, II = 1.5 h, ADDL = 447.
    static let pump = S.dose("gonadorelin", 5, every: 1.5, count: 448, start: restartStart)

    static let arms: [String: [DrugDose]] = [
        "none": [trt], "clomiphene": [trt, clomiphene], "clomiphene+anastrozole": [trt, clomiphene] + anastrozole,
        "gonadorelin": [trt, pump],
    ]

    @Test(arguments: ["clomiphene", "clomiphene+anastrozole", "gonadorelin"])
    func restartBringsTheAxisBackFasterThanWaiting(_ arm: String) throws {
        let natural = try S.run(Self.arms["none"]!, days: 365)
        let restart = try S.run(Self.arms[arm]!, days: 365)
        let baselineLH = natural.series("LH")![0]
        // Suppressed on TRT.
        #expect(natural.series("LH")![182] < 0.4 * baselineLH)
        // Weeks 1–4 of the restart: LH and T back to at least baseline, above natural recovery.
        let window = 203...224
        #expect(S.ratio(restart, "LH", days: window) >= 1, "\(arm) LH")
        #expect(S.ratio(restart, "testosterone", days: window) >= 1, "\(arm) T")
        for name in ["LH", "FSH", "testosterone", "intratesticular_T"] {
            #expect(S.mean(restart, name, days: window) > S.mean(natural, name, days: window), "\(arm) \(name)")
        }
        // Sperm output, which lags by the spermatogenic transit, is ahead of natural recovery at day 260.
        #expect(restart.series("sperm_concentration")![260] > natural.series("sperm_concentration")![260])
        // Reversible, but not yet complete: the GnRH neurons desensitised by 26 weeks of TRT recover over months
        // (t½ = ln 2/ke_N ≈ 70 d), so 11 weeks after the last restart dose T is within 15 % of baseline.
        #expect(abs(restart.series("testosterone")![365] / restart.series("testosterone")![0] - 1) < 0.15)
    }

    /// Clomiphene lets estradiol climb (more T to aromatize); anastrozole added holds it lower.
    @Test func anastrozoleHoldsEstradiolDuringClomipheneRestart() throws {
        let serm = try S.run(Self.arms["clomiphene"]!, days: 280)
        let both = try S.run(Self.arms["clomiphene+anastrozole"]!, days: 280)
        #expect(S.ratio(serm, "estradiol", days: 210...280) > 1.2)
        #expect(S.mean(both, "estradiol", days: 210...280) < 0.8 * S.mean(serm, "estradiol", days: 210...280))
    }
}
