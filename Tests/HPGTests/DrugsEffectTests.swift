import Foundation
import Testing
@testable import HPG

/// The drug behaviours the documents state (directions and rankings), on the calibration cohort's patient.
@Suite struct DrugsEffectTests {
    typealias S = DrugsSupport
    static let week = 168.0

    /// "Letrozole … generally considered more potent than Anastrozole", "2.5 mg two to three times per week"
    /// (seed 003), or daily (issue): at each usual frequency, letrozole 2.5 mg suppresses E2 more than
    /// anastrozole at the top of its usual 0.5–1 mg (weeks 8–12).
    @Test(arguments: [(2.0, "twice weekly"), (3.0, "three times weekly"), (7.0, "daily")])
    func letrozoleSuppressesEstradiolMoreThanAnastrozole(_ perWeek: Double, _ label: String) throws {
        let every = Self.week / perWeek, count = Int(84 * 24 / every) + 1
        let letrozole = try S.run([S.dose("letrozole", 2.5, every: every, count: count)], days: 84)
        let anastrozole = try S.run([S.dose("anastrozole", 1, every: every, count: count)], days: 84)
        let e2Letrozole = S.mean(letrozole, "estradiol", days: 56...84)
        let e2Anastrozole = S.mean(anastrozole, "estradiol", days: 56...84)
        #expect(e2Letrozole < e2Anastrozole, "\(label): E2 \(e2Letrozole) vs \(e2Anastrozole) pg/mL")
        #expect(e2Letrozole < 0.75 * letrozole.series("estradiol")![0])
    }

    /// A SERM "blocks estrogen receptors in the hypothalamus and pituitary, thereby reducing estrogen's negative
    /// feedback and increasing LH and FSH secretion. This leads to a rise in endogenous testosterone" (seed 004);
    /// E2 does not fall as under an aromatase inhibitor ("E2 levels increased in the CC group, they decreased in
    /// the AZ group", Helo 2015).
    @Test(arguments: [("clomiphene", 25.0, 24.0), ("clomiphene", 25.0, 48.0), ("tamoxifen", 10.0, 24.0), ("tamoxifen", 20.0, 24.0)])
    func sermRaisesLHFSHAndTWithoutLoweringEstradiol(_ drug: String, _ amount: Double, _ every: Double) throws {
        let count = Int(84 * 24 / every) + 1
        let serm = try S.run([S.dose(drug, amount, every: every, count: count)], days: 84)
        for name in ["LH", "FSH", "testosterone", "intratesticular_T"] {
            #expect(S.ratio(serm, name, days: 56...84) > 1.05, "\(drug) \(amount) mg: \(name)")
        }
        #expect(S.ratio(serm, "estradiol", days: 56...84) >= 1, "\(drug): E2 must not fall")
        let ai = try S.run([S.dose("anastrozole", 1, every: every, count: count)], days: 84)
        #expect(S.ratio(ai, "estradiol", days: 56...84) < 0.9)
    }

    /// Helo 2015 (not used for calibration beyond the T ratio): clomiphene 25 mg/d gives a higher T but a lower
    /// T/E2 ratio than anastrozole 1 mg/d ("AZ resulted in a significantly larger increase in T/E2 ratio").
    @Test func clomipheneGivesMoreTButLessTE2RatioThanAnastrozole() throws {
        let clomiphene = try S.run([S.dose("clomiphene", 25, every: 24, count: 84)], days: 84)
        let anastrozole = try S.run([S.dose("anastrozole", 1, every: 24, count: 84)], days: 84)
        #expect(S.mean(clomiphene, "testosterone", days: 70...84) > S.mean(anastrozole, "testosterone", days: 70...84))
        #expect(S.mean(clomiphene, "T_E2_ratio", days: 70...84) < S.mean(anastrozole, "T_E2_ratio", days: 70...84))
    }

    static let cypionateWeekly = S.dose("testosterone_cypionate", 100, every: week, count: 26)
    static let hcg500ThreeTimesWeekly = [0.0, 48, 96].map { S.dose("hcg", 500, every: week, count: 26, start: $0) }
    static let anastrozoleHalfMgTwiceWeekly = [0.0, 72].map { S.dose("anastrozole", 0.5, every: week, count: 26, start: $0) }

    /// TRT "suppresses the HPG axis … shuts down its production of GnRH, LH, and FSH. This shutdown ceases the
    /// testes' own production of testosterone and, critically, halts spermatogenesis" (seed 000). Cypionate 100 mg
    /// weekly or 200 mg every 2 weeks, enanthate 100 mg weekly; months 5–6.
    @Test(arguments: [("testosterone_cypionate", 100.0, 1.0), ("testosterone_cypionate", 200.0, 2.0), ("testosterone_enanthate", 100.0, 1.0)])
    func testosteroneAloneSuppressesGonadotropinsITTAndSperm(_ drug: String, _ amount: Double, _ weeks: Double) throws {
        let trt = try S.run([S.dose(drug, amount, every: weeks * Self.week, count: Int(26 / weeks))], days: 182)
        #expect(S.ratio(trt, "testosterone", days: 150...182) > 1.5)
        #expect(S.ratio(trt, "LH", days: 150...182) < 0.5)
        #expect(S.ratio(trt, "FSH", days: 150...182) < 0.5)
        // ITT falls by ~94 % on TE 200 mg weekly (Coviello 2005); here at half that dose, by more than 70 %.
        #expect(S.ratio(trt, "intratesticular_T", days: 150...182) < 0.3)
        #expect(S.ratio(trt, "sperm_concentration", days: 150...182) < 0.3)
        // Exogenous T is aromatized: E2 rises.
        #expect(S.ratio(trt, "estradiol", days: 150...182) > 1.2)
    }

    /// hCG "mimics LH, can help maintain testicular volume" on TRT (seed 000): ITT kept near or above baseline and
    /// sperm output several-fold above TRT alone; anastrozole "keeps estrogen levels in check" (seed 000).
    @Test func hcgKeepsITTAndSpermAndAnastrozoleKeepsEstradiolOnTRT() throws {
        let alone = try S.run([Self.cypionateWeekly], days: 182)
        let hcg = try S.run([Self.cypionateWeekly] + Self.hcg500ThreeTimesWeekly, days: 182)
        let ai = try S.run([Self.cypionateWeekly] + Self.anastrozoleHalfMgTwiceWeekly, days: 182)
        let window = 150...182
        #expect(S.ratio(hcg, "intratesticular_T", days: window) > 0.8)
        #expect(S.mean(hcg, "sperm_concentration", days: window) > 3 * S.mean(alone, "sperm_concentration", days: window))
        #expect(S.mean(ai, "estradiol", days: window) < 0.6 * S.mean(alone, "estradiol", days: window))
        #expect(S.ratio(ai, "estradiol", days: window) < 1.15, "E2 held near baseline")
    }

    /// Coviello 2005 dose–response on TE 200 mg weekly (normal men, 3 weeks): ITT −94 % without hCG, rising with
    /// the hCG dose, 500 IU every other day ~26 % above baseline (the 125 IU arm is the calibration). Asserted:
    /// the ordering, the large fall without hCG and ITT above baseline at 500 IU. The sizes are missed (the
    /// model's GnRH drive, t½ 5.8 d after Tornøe 2007, is only part-suppressed at 3 weeks: ITT −68 %, not −94 %;
    /// 500 IU +56 %, not +26 %), shown in notebooks-md/drugs-and-conditions.md.
    @Test func hcgDoseResponseOnTestosteroneEnanthate() throws {
        let normal = Patient(profile: "normal-weight")
        func itt(_ hcg: Double) throws -> Double {
            let doses = [S.dose("testosterone_enanthate", 200, every: Self.week, count: 3)]
                + (hcg > 0 ? [S.dose("hcg", hcg, every: 48, count: 11)] : [])
            return S.ratio(try S.run(doses, patient: normal, days: 21), "intratesticular_T", days: 14...21)
        }
        let ratios = try [0.0, 125, 250, 500].map(itt)
        #expect(ratios == ratios.sorted(), "\(ratios)")
        #expect(ratios[0] < 0.4, "TE alone \(ratios[0])")
        #expect(abs(ratios[2] - 0.93) < 0.2, "250 IU \(ratios[2])")
        #expect(ratios[3] > 1, "500 IU \(ratios[3])")
    }
}

/// Directions of the drugs the training studies need (pharmacology and labels; no study values).
@Suite struct TrainingDrugsEffectTests {
    typealias S = DrugsSupport

    /// Estradiol patch 100 µg/day (350 µg over each 3.5 days): E2 up, and through E2's negative feedback LH,
    /// FSH and T down (weeks 2–4). Testosterone gel 50 mg/day: T up (daily means), LH and FSH down (month 2).
    @Test func estradiolPatchAndTestosteroneGel() throws {
        let patch = DrugDose(drug: "estradiol_patch", record: .dose(350, at: 0, compartment: 1, rate: 100.0 / 24, interval: 84, additionalDoses: 7))
        let e2 = try S.run([patch], days: 28)
        #expect(S.ratio(e2, "estradiol", days: 14...28) > 1.5)
        for name in ["LH", "FSH", "testosterone"] { #expect(S.ratio(e2, name, days: 14...28) < 0.9, "patch: \(name)") }

        let times = stride(from: 0.0, through: 60 * 24, by: 1).map { $0 }
        let gel = try simulate(patient: S.cohort, doses: [S.dose("testosterone_gel", 50, every: 24, count: 60)], outputTimes: times)
        func lastMonthMean(_ name: String) -> Double { gel.series(name)![(30 * 24)...].reduce(0, +) / Double(30 * 24 + 1) }
        #expect(lastMonthMean("testosterone") > 1.2 * gel.series("testosterone")![0])
        for name in ["LH", "FSH"] { #expect(lastMonthMean(name) < 0.8 * gel.series(name)![0], "gel: \(name)") }
    }

    /// Acyline 21 mg SC (300 µg/kg) every 2 weeks lowers LH, FSH and T over the first week after each dose;
    /// leuprolide 7.5 mg monthly brings T to the castrate range (< 50 ng/dL) from week 4 on (label: castrate
    /// levels within 2–4 weeks), with LH and FSH suppressed.
    @Test func acylineAndLeuprolideSuppressTheAxis() throws {
        let acyline = try S.run([S.dose("acyline", 21, every: 336, count: 4)], days: 56)
        for name in ["LH", "FSH", "testosterone"] { #expect(S.ratio(acyline, name, days: 1...7) < 0.5, "acyline: \(name)") }
        let leuprolide = try S.run([S.dose("leuprolide", 7.5, every: 672, count: 3)], days: 84)
        #expect(leuprolide.series("testosterone")![28...].allSatisfy { $0 < 50 })
        for name in ["LH", "FSH"] { #expect(S.ratio(leuprolide, name, days: 28...84) < 0.1, "leuprolide: \(name)") }
    }
}
