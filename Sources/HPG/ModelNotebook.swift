import Foundation

extension ModelDocument {
    /// The whole of notebooks-md/model.md, computed now from the declaration and simulations.
    public static func notebook() throws(HPGError) -> String {
        var out: [String] = []
        out += ["# The HPG-axis model and anastrozole", "",
                "Regenerate this page (every number below is program output): "
                + "`swift run hpgsim model --notebook --output notebooks-md/model.md`", "",
                "Structure: a Tornøe-style hypothalamic drive G with E2 and T (androgen-receptor, Hill-type) feedback; a "
                + "gonadotroph reserve R that follows the GnRH stimulus over days to weeks; LH and FSH secreted in "
                + "proportion to the stimulus × reserve, with pituitary E2 and T feedback, inhibin B (following the germ "
                + "cells) on FSH, and a secretion ceiling; Leydig cells make intratesticular T (ITT) under LH (Tornøe "
                + "2007 H3), scaled by a Leydig trophic state that follows LH over months; serum T; SHBG (raised by E2) "
                + "with free and bioavailable T by the Vermeulen equations; E2 from free T (peripheral aromatase, "
                + "scaled by adiposity and age) and from ITT (testicular aromatase), both with reversible competitive "
                + "inhibition Vmax·S/(Km·(1 + Σ C/Ki) + S) and scaled together by the man's aromatase capacity; "
                + "spermatogenesis is a 16-stage chain over 64 days driven by ψ(FSH, ITT), with germ cells lost at "
                + "every stage when ψ falls, followed by the epididymal caput, corpus and cauda; drugs are linear PK "
                + "compartments acting through seven mechanism sums. The rate laws are written once, generic over the "
                + "arithmetic (`RateLaws`): Double gives the right-hand side, forward-mode dual numbers its Jacobian. "
                + "Baselines are steady states solved by Newton's method (LAPACK LU); patients are individualised by "
                + "solving one parameter per baseline lab in the same Newton system. Calibrated values: the joint fit "
                + "to the training studies, notebooks-md/calibration.md.", ""]
        out += [modelListing(), "## Parameters", "", parameterTable()]
        out += try calibrationSection()
        out += try timeCourseSection()
        out += try reversibilitySection()
        out += try doseResponseSection()
        out += try pharmacokineticsSection()
        out += try limitsSection()
        return out.joined(separator: "\n") + "\n"
    }

    static func calibrationSection() throws(HPGError) -> [String] {
        let table = StudyTable.shah2021
        let simulated = try table.simulated()
        var out = ["## Calibration", "",
                   "Study: \(table.citation) (PMID 33850757): 30 hypogonadal subfertile men, median BMI 28.7 kg/m², "
                   + "anastrozole 1 mg orally once daily; hormones reported at months 1, 3 and 5, the table's values are "
                   + "month 5. Simulation: the cohort's mean baseline labs individualise an overweight (BMI 28.7) patient; "
                   + "1 mg into the depot every 24 h from t = 0; sampled at day 150, 24 h after the last dose.", "",
                   "Calibrated jointly to the training studies by `hpgsim calibrate` (everything else is literature, "
                   + "derived, or individual); estimates with standard errors in notebooks-md/calibration.md:", "",
                   "| parameter | value | unit | source |", "|---|---|---|---|"]
            + Calibration.calibratedParameters.map { "| \($0.name) | \(format($0.value)) | \($0.unit) | \($0.source) |" }
            + ["",
                   "| observable | unit | reported baseline | reported month 5 | simulated month 5 | error | tolerance |",
                   "|---|---|---|---|---|---|---|"]
        for (row, value) in zip(table.rows, simulated) {
            out.append("| \(row.observable) | \(row.unit) | \(format(row.baseline)) | \(format(row.onTreatment)) | "
                + String(format: "%.3g | %+.1f %% | ±%.0f %% |", value, 100 * (value / row.onTreatment - 1), 100 * row.tolerance))
        }
        let spermFactor = zip(table.rows, simulated).first { $0.0.observable == "sperm_concentration" }.map { $0.1 / $0.0.baseline } ?? .nan
        out += ["", "The reported T/E2 baseline (9, a mean of ratios) differs from 270/32 = 8.4; the model's baseline is "
                + "the ratio of the mean labs. Sperm concentration (×1.82) and total motile count (×1.40) rose by "
                + "different factors in the cohort means; with ejaculate volume × motility independent of hormones the "
                + "model moves both by one factor. Only a factor near ×1.58 keeps both within ±15 %; the joint fit, "
                + "pulled by the other studies' sperm targets, puts it at ×\(format(spermFactor)), so total motile count "
                + "is the one value of the documents' table outside its tolerance (a known miss, issue 9). The "
                + "calibration itself is notebooks-md/calibration.md; this table is the documents' study, one of its targets.", ""]
        return out
    }

    /// The panels of the time-course figure (drawn by `hpgsim plot`, named in the notebook).
    static let figureObservables = "anastrozole_concentration,estradiol,testosterone,T_E2_ratio,LH,sperm_concentration"

    static func timeCourseSection() throws(HPGError) -> [String] {
        let table = StudyTable.shah2021
        let days: [Double] = [0, 3, 7, 14, 28, 42, 56, 70, 90, 120, 150]
        let trajectory = try simulate(patient: table.patient, doses: table.doses, outputTimes: days.map { $0 * 24 })
        let names = ["anastrozole_concentration", "aromatase_activity", "estradiol", "testosterone", "T_E2_ratio", "LH", "FSH",
                     "intratesticular_T", "sperm_concentration", "total_motile_count", "strict_morphology"]
        var out = ["## Time course under anastrozole 1 mg daily (Shah 2021 cohort patient)", "",
                   "Samples 24 h after the previous dose (trough) except day 0 (just after the first dose). Hormones settle "
                   + "within about two weeks (anastrozole accumulates with t½ 42 h); sperm concentration starts to move only "
                   + "after 5–6 weeks and settles after ~3 months — the spermatogenic transit.", "",
                   "| day | " + names.map { name in trajectory.observables.first { $0.name == name }!.column }.joined(separator: " | ") + " |",
                   "|" + String(repeating: "---|", count: names.count + 1)]
        for (k, day) in days.enumerated() {
            let row = names.map { String(format: "%.4g", trajectory.series($0)![k]) }
            out.append("| \(format(day)) | " + row.joined(separator: " | ") + " |")
        }
        return out + ["", "![baseline to treatment under anastrozole 1 mg daily, Shah 2021 cohort](figures/model-time-course.svg)", "",
                      "The study as a scenario file, with its reported values (points, tolerance as error bars) and the "
                      + "documents' target ranges (shaded): `hpgsim plot scenarios/anastrozole-shah-2021.yaml --observables "
                      + "\(figureObservables) -o notebooks-md/figures/model-time-course.svg`", ""]
    }

    static func reversibilitySection() throws(HPGError) -> [String] {
        let patient = StudyTable.shah2021.patient
        let onDays = 150.0, offDays = 250.0
        let trajectory = try Analyses.onOff(patient: patient, onDays: onDays, offDays: offDays)
        let baseline = trajectory.baseline
        let stop = onDays * 24
        var out = ["## Reversibility", "",
                   "Anastrozole 1 mg daily for \(format(onDays)) days, then stopped; \(format(offDays)) days follow-up. "
                   + "Time after the last dose until each observable is back within 10 % (and 2 %) of its on-treatment "
                   + "shift from its own baseline:", "",
                   "| observable | baseline | at stop | back within 10 % after | within 2 % after |", "|---|---|---|---|---|"]
        let lastDose = stop - 24
        for name in ["estradiol", "testosterone", "LH", "FSH", "sperm_concentration", "total_motile_count"] {
            let j = trajectory.observables.firstIndex { $0.name == name }!
            let series = trajectory.series(name)!
            let atStop = series[trajectory.times.firstIndex { $0 >= stop }!]
            let t10 = Analyses.returnTime(series, times: trajectory.times, from: lastDose, target: baseline[j], tolerance: 0.10)
            let t2 = Analyses.returnTime(series, times: trajectory.times, from: lastDose, target: baseline[j], tolerance: 0.02)
            func days(_ t: Double?) -> String { t.map { String(format: "%.0f d", $0 / 24) } ?? "not within follow-up" }
            out.append("| \(name) | \(String(format: "%.3g", baseline[j])) | \(String(format: "%.3g", atStop)) | \(days(t10)) | \(days(t2)) |")
        }
        // What is left of each state's largest excursion from its baseline at the end of follow-up.
        let left = trajectory.baselineState.indices.map { i -> (Int, Double) in
            let excursion = trajectory.states.map { abs($0[i] - trajectory.baselineState[i]) }.max()!
            return (i, excursion > 0 ? abs(trajectory.states.last![i] - trajectory.baselineState[i]) / excursion : 0)
        }
        let worst = left.max { $0.1 < $1.1 }!
        out += ["", "\(format(offDays)) days after stopping, the largest remainder of any state's excursion from its own "
                + "baseline is " + String(format: "%.1e", worst.1) + " (\(trajectory.model.states[worst.0].name)). "
                + "Nothing in the equations stores drug exposure: once the drug is cleared the right-hand side is the "
                + "drug-free one, whose steady state is the baseline. Ejaculate sperm lag the hormones by the "
                + "spermatogenic and epididymal transit (64 + 10.5 days).", ""]
        return out
    }

    static func doseResponseSection() throws(HPGError) -> [String] {
        let patient = StudyTable.shah2021.patient
        let regimens: [(String, Double, Double)] = [
            ("none", 0, 24), ("0.25 mg daily", 0.25, 24), ("0.5 mg every other day", 0.5, 48),
            ("1 mg twice weekly", 1, 84), ("0.5 mg daily", 0.5, 24), ("1 mg daily", 1, 24), ("2 mg daily", 2, 24),
            ("5 mg daily", 5, 24), ("10 mg daily", 10, 24),
        ]
        let model = HPGModel(drugs: [.anastrozole])
        let (y, p) = try patient.baseline(model)
        let ki = p[model.parameterIndex("anastrozole.Ki_aromatase_ng_per_mL")!]
        let testicularIC50 = ki * (1 + y[PhysiologicalState.itt.rawValue] / p[Parameter.aromataseKm.rawValue])
        var out = ["## Dose–response", "",
                   "Mean over the last dosing interval after 6 weeks (steady state), Shah 2021 cohort patient. E2 falls "
                   + "monotonically with dose and frequency, with diminishing returns: peripheral aromatase (free T ≪ Km, "
                   + "apparent IC50 ≈ Ki = " + String(format: "%.2f", ki) + " ng/mL) is almost fully inhibited from 0.5 mg "
                   + "daily on, while testicular aromatase sees ITT far above Km, so its apparent IC50 is "
                   + "Ki·(1 + ITT/Km) ≈ " + String(format: "%.0f", testicularIC50) + " ng/mL at baseline ITT; the E2 it makes "
                   + "(and the compensatory T rise) is the floor that keeps the fall in men near 50 %.", "",
                   "| regimen | anastrozole Css,avg ng/mL | E2 pg/mL | T ng/dL | LH IU/L | FSH IU/L |", "|---|---|---|---|---|---|"]
        for (label, amount, interval) in regimens {
            func mean(_ name: String) throws(HPGError) -> Double {
                try Analyses.steadyStateMean(name, patient: patient, amount: amount, interval_h: interval)
            }
            let c = amount > 0 ? try mean("anastrozole_concentration") : 0
            out.append("| \(label) | " + String(format: "%.3g | %.3g | %.3g | %.3g | %.3g |", c, try mean("estradiol"),
                                                 try mean("testosterone"), try mean("LH"), try mean("FSH")))
        }
        return out + [""]
    }

    static func pharmacokineticsSection() throws(HPGError) -> [String] {
        let drug = Drug.anastrozole
        func value(_ name: String) -> Double { drug.parameters.first { $0.name == "anastrozole." + name }!.value }
        let cl = value("CL_L_per_h"), v = value("V_L"), k = cl / v, tau = 24.0
        let days = 60.0
        let trough = try simulate(patient: Patient(), doses: Analyses.regimen("anastrozole", amount: 1, every: tau, days: days),
                                  outputTimes: [tau - 1e-9, 2 * tau - 1e-9, days * 24 - 1e-9]).series("anastrozole_concentration")!
        let mean = try Analyses.steadyStateMean("anastrozole_concentration", patient: Patient(), amount: 1, interval_h: tau, days: days)
        // Trough 2 = trough 1·(1 + e^(−kτ)) once absorption is complete (e^(−ka·τ) ≈ 1e-31).
        let halfLife = log(2.0) * tau / -log((trough[1] - trough[0]) / trough[0])
        return ["## Anastrozole PK against closed forms (1 mg every 24 h)", "",
                "| quantity | closed form | simulated |", "|---|---|---|",
                String(format: "| t½ (h) | ln 2·V/CL = %.2f | %.2f (from the first two troughs) |", log(2.0) / k, halfLife),
                String(format: "| accumulation ratio | 1/(1 − e^(−kτ)) = %.4f | %.4f (trough day 60 / trough day 1) |",
                       1 / (1 - exp(-k * tau)), trough[2] / trough[0]),
                String(format: "| Css,avg (ng/mL) | F·Dose/(CL·τ) = %.3f | %.3f (mean over the last interval) |",
                       1000 / (cl * tau), mean), ""]
    }

    static func limitsSection() throws(HPGError) -> [String] {
        let share = try Analyses.testicularE2Share(StudyTable.shah2021.patient)
        return ["## Limits", "",
         "- E2 feedback and T's pituitary feedback are power laws around reference levels (Tornøe 2007 form), T's "
         + "hypothalamic feedback a bounded Hill inhibition; pulsatility and circadian rhythm are not modelled. The feedback exponents, the reserve and Leydig trophic rates and the testicular E2 share "
         + "are fitted jointly to the training studies (notebooks-md/calibration.md), several of them weakly "
         + "identified (see the identifiability column there).",
         "- The testicular aromatase sees total ITT (research note 2); the free intratesticular fraction is unknown. "
         + "The testicular share of E2 (\(percent(Parameter.aromataseTesticularShare.spec.value)) in the reference man, "
         + "\(percent(share)) in the cohort patient at baseline) is fitted, within the literature range (20–60 %).",
         "- SHBG changes with E2 and age; its fall with obesity and insulin resistance is a profile setting, not a "
         + "BMI law; the adiposity scaling of aromatase is correlational (Schneider 1979; Kley 1980).",
         "- Inhibin B is not a state: it follows the first germ-cell stage.",
         "- Semen: ejaculate volume × motility is constant per patient; the cohort's concentration and total motile "
         + "count rose by different factors, which one patient cannot show. Epididymal transit times are rhesus values.",
         "- The cohort is represented by one patient at the mean labs, not a population.",
         "- Anastrozole PK is from single-dose data in men (CL/F 2.26 L/h, t½ 42 h); Ki is an apparent in-vivo value "
         + "from postmenopausal women (Geisler 1996).", ""]
    }
}
