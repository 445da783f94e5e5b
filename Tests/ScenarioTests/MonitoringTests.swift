import Foundation
import HPG
import Population
import Testing
@testable import Scenario

/// Monitoring rules (issue 10): a rule that fires is the regimen change written by hand, the run before a
/// decision is the undecided run to the bit, the lab seen is the simulated value without assay error and has
/// the stated CV with it, and the block is read as documented.
struct MonitoringTests {
    let loader = ScenarioLoader(catalog: .hpg)

    func scenario(_ text: String) throws(ScenarioError) -> Scenario { try loader.parse(text, file: "test.yaml") }

    /// Anastrozole 1 mg daily for 12 weeks, labs at 6 weeks known at once: the decision is at day 42, a dose time.
    static func titrated(_ rule: String, draws: String = "at: [6 weeks]", cv: String = "0 %") -> String {
        """
        patient:
          profile: overweight
          baseline: {testosterone: 270.6 ng/dL, estradiol: 32 pg/mL}
        regimens:
          - {drug: anastrozole, dose: 1 mg, route: oral, every: 1 d}
        simulation: {duration: 12 weeks, output_every: 1 d, rtol: 1e-10}
        output:
          observables: [testosterone, estradiol, T_E2_ratio, LH, anastrozole_concentration]
        monitoring:
          labs: [estradiol, testosterone, T_E2_ratio]
          \(draws)
          cv: \(cv)
          rules:
            \(rule)
        """
    }

    /// The same man with the change written as a second regimen from day 42.
    static func byHand(_ regimens: String, drugs: String = "anastrozole_concentration") -> String {
        """
        patient:
          profile: overweight
          baseline: {testosterone: 270.6 ng/dL, estradiol: 32 pg/mL}
        regimens:
        \(regimens)
        simulation: {duration: 12 weeks, output_every: 1 d, rtol: 1e-10}
        output:
          observables: [testosterone, estradiol, T_E2_ratio, LH, \(drugs)]
        """
    }

    static let always = "estradiol > 0.001 pg/mL"
    static let never = "estradiol > 1000000 pg/mL"

    /// A rule that always fires at week 6 gives the trajectory of the scenario that makes the same change at
    /// day 42 by hand: both integrate the same doses, so they agree to the integration's tolerance (rtol
    /// 1e-10; the bound 1e-6 relative leaves room for the error the two step sequences accumulate differently).
    @Test(arguments: [
        ("{dose: 0.5 mg}", "  - {drug: anastrozole, dose: 1 mg, route: oral, every: 1 d, duration: 6 weeks}\n  - {drug: anastrozole, dose: 0.5 mg, route: oral, every: 1 d, start: 6 weeks}", "anastrozole_concentration"),
        ("{times_per_week: 2}", "  - {drug: anastrozole, dose: 1 mg, route: oral, every: 1 d, duration: 6 weeks}\n  - {drug: anastrozole, dose: 1 mg, route: oral, times_per_week: 2, start: 6 weeks}", "anastrozole_concentration"),
        ("stop", "  - {drug: anastrozole, dose: 1 mg, route: oral, every: 1 d, duration: 6 weeks}", "anastrozole_concentration"),
        ("{switch: letrozole, dose: 2.5 mg}", "  - {drug: anastrozole, dose: 1 mg, route: oral, every: 1 d, duration: 6 weeks}\n  - {drug: letrozole, dose: 2.5 mg, every: 1 d, start: 6 weeks}", "anastrozole_concentration, letrozole_concentration"),
    ])
    func ruleThatFiresIsTheChangeWrittenByHand(_ change: String, _ regimens: String, _ drugs: String) throws {
        var text = Self.titrated("- {if: \(Self.always), then: \(change)}")
        text = text.replacingOccurrences(of: "anastrozole_concentration]", with: "\(drugs)]")
        let titrated = try scenario(text).simulate(units: .conventional)
        let hand = try scenario(Self.byHand(regimens, drugs: drugs)).simulate(units: .conventional)
        let decisions = try #require(titrated.decisions).decisions
        #expect(decisions.count == 1 && decisions[0].changed && decisions[0].effective == 42 * 24)
        #expect(titrated.csv.columns.map(\.header) == hand.csv.columns.map(\.header))
        for (a, b) in zip(titrated.csv.columns, hand.csv.columns) {
            for (x, y) in zip(a.values, b.values) {
                #expect(abs(x - y) <= 1e-6 * max(abs(y), 1e-3), "\(a.header): \(x) vs \(y)")
            }
        }
    }

    /// Before the decision is known (day 42.5: drawn on day 42, known 12 h later, between two daily doses) the
    /// titrated run is the undecided one to the bit, hour by hour: the doses before it are the same and the
    /// integrator stops at the time the result is known in both, so the step that reaches day 43's dose in one
    /// run and goes past it in the other (a stop removes that dose) cannot reach back before 42.5 whatever the
    /// step sizes (StopTimeTests shows a case where it would). After it, they part.
    @Test(arguments: ["{dose: 0.5 mg}", "stop"])
    func runBeforeTheDecisionIsTheUndecidedRun(_ change: String) throws {
        func run(_ condition: String) throws -> ScenarioResult {
            let text = Self.titrated("- {if: \(condition), then: \(change)}", cv: "0 %\n  result_after: 12 h")
                .replacingOccurrences(of: "output_every: 1 d, rtol: 1e-10", with: "output_every: 1 h")
            return try scenario(text).simulate(units: .conventional)
        }
        let decided = try run(Self.always), undecided = try run(Self.never)
        #expect(decided.decisions?.changes.map(\.effective) == [43 * 24] && undecided.decisions?.changes.isEmpty == true)
        let before = decided.csv.timesHours.indices.filter { decided.csv.timesHours[$0] < 42.5 * 24 }
        #expect(before.count == 42 * 24 + 12)
        for (a, b) in zip(decided.csv.columns, undecided.csv.columns) {
            #expect(before.allSatisfy { a.values[$0].bitPattern == b.values[$0].bitPattern }, "\(a.header)")
        }
        let concentration = decided.csv.columns.count - 1
        #expect(decided.csv.columns[concentration].values.last! < 0.6 * undecided.csv.columns[concentration].values.last!)
    }

    /// Without assay error the lab seen is the simulated value, which is the trajectory's value at the draw
    /// (the draws are output times; no rule changes anything, so the trajectory is the one drawn from).
    @Test func withoutAssayErrorTheLabSeenIsTheSimulatedValue() throws {
        let result = try scenario(Self.titrated("- {if: \(Self.never), then: stop}", draws: "every: 2 weeks"))
            .simulate(units: .conventional)
        let log = try #require(result.decisions)
        #expect(log.decisions.map(\.drawTime) == [2, 4, 6, 8, 10].map { Double($0) * 168 })
        for decision in log.decisions {
            #expect(decision.seen == decision.simulated)
            let row = result.csv.timesHours.firstIndex(of: decision.drawTime)!
            for (j, lab) in log.monitoring.labs.enumerated() {
                let column = result.csv.columns.first { $0.name == lab }!
                #expect(column.values[row] == decision.simulated[j])
            }
        }
    }

    /// The assay factor exp(σz − σ²/2), σ² = ln(1 + CV²), has mean 1 and coefficient of variation CV, and the
    /// labs of a draw are independent. Over n = 40 000 draws (subjects × draws) the standard error of the mean
    /// is CV/√n = 5·10⁻⁴ and that of the sample CV about CV·√((1 + …)/2n) ≈ 3.6·10⁻⁴: the bounds are 5 standard
    /// errors. The ratio seen, T/E2, is the quotient of the two factors: its log has variance 2σ².
    @Test func assayErrorHasTheStatedCoefficientOfVariation() throws {
        let cv = 0.1
        let monitoring = Monitoring(labs: ["estradiol", "testosterone", "T_E2_ratio"], drawTimes: [], cv: cv,
                                    resultDelay: 0, seed: 12345, rules: [])
        #expect(monitoring.measured == ["estradiol", "testosterone"])
        var e2: [Double] = [], t: [Double] = []
        for subject in 0..<4000 {
            for draw in 0..<10 {
                let f = monitoring.assayFactors(draw: draw, subject: UInt64(subject))
                e2.append(f["estradiol"]!)
                t.append(f["testosterone"]!)
            }
        }
        func meanAndCV(_ x: [Double]) -> (Double, Double) {
            let mean = x.reduce(0, +) / Double(x.count)
            let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)
            return (mean, variance.squareRoot() / mean)
        }
        let n = Double(e2.count)
        for x in [e2, t] {
            let (mean, sampleCV) = meanAndCV(x)
            #expect(abs(mean - 1) < 5 * cv / n.squareRoot(), "mean \(mean)")
            #expect(abs(sampleCV - cv) < 5 * cv / (2 * n).squareRoot(), "CV \(sampleCV)")
        }
        let (le, lt) = (e2.map { log($0) }, t.map { log($0) })
        let me = le.reduce(0, +) / n, mt = lt.reduce(0, +) / n
        let covariance = zip(le, lt).reduce(0) { $0 + ($1.0 - me) * ($1.1 - mt) } / (n - 1)
        let sigma2 = log1p(cv * cv)
        #expect(abs(covariance / sigma2) < 5 / n.squareRoot(), "correlation \(covariance / sigma2)")
        let ratioLogs = zip(lt, le).map { $0 - $1 }
        let ratioVariance = ratioLogs.reduce(0) { $0 + $1 * $1 } / n
        #expect(abs(ratioVariance / (2 * sigma2) - 1) < 5 * (2 / n).squareRoot())
        // A draw's error depends on (seed, subject, draw) alone.
        #expect(monitoring.assayFactors(draw: 3, subject: 7) == monitoring.assayFactors(draw: 3, subject: 7))
        #expect(monitoring.assayFactors(draw: 3, subject: 7) != monitoring.assayFactors(draw: 4, subject: 7))
    }

    /// A noisy run gives the same decisions twice, the lab seen differs from the simulated by the assay's
    /// factor, and the seen ratio is the ratio of the labs seen.
    @Test func noisyRunIsDeterministicAndTheRatioIsTheRatioSeen() throws {
        let text = Self.titrated("- {if: \(Self.never), then: stop}", draws: "every: 2 weeks", cv: "15 %")
        let first = try #require(try scenario(text).simulate(units: .conventional).decisions)
        let again = try #require(try scenario(text).simulate(units: .conventional).decisions)
        #expect(first.decisions == again.decisions)
        #expect(first.csv(units: .si) == again.csv(units: .si))
        for decision in first.decisions {
            #expect(decision.seen != decision.simulated)
            let (e2, t, ratio) = (decision.seen[0], decision.seen[1], decision.seen[2])
            #expect(abs(ratio / (t / e2) - 1) < 1e-12)
        }
    }

    /// The block as read: draws every 6 weeks from week 6 while the result is known before the end, SI
    /// thresholds kept in their unit, aliases, `and`, the rules in order with their lines.
    @Test func blockIsReadAsWritten() throws {
        let text = """
            patient: {profile: obese}
            regimens:
              - {drug: anastrozole, dose: 1 mg, times_per_week: 2, name: AI}
              - {drug: testosterone_cypionate, dose: 100 mg, every: 1 week}
            simulation: {duration: 24 weeks}
            monitoring:
              labs: [E2, T, T/E2]
              every: 6 weeks
              result_after: 3 d
              regimen: AI
              rules:
                - if: E2 < 55 pmol/L and T/E2 >= 10
                  then: {dose: 0.5 mg, every: 4 d}
                - if: T > 1000 ng/dL
                  then: stop
                  regimen: testosterone_cypionate
            """
        let monitoring = try #require(try scenario(text).monitoring)
        #expect(monitoring.labs == ["estradiol", "testosterone", "T_E2_ratio"])
        #expect(monitoring.drawTimes == [6, 12, 18].map { Double($0) * 168 })   // week 24's result is after the end
        #expect(monitoring.resultDelay == 72 && monitoring.cv == 0 && monitoring.seed == Monitoring.defaultSeed)
        let rules = monitoring.rules
        #expect(rules.map(\.number) == [1, 2] && rules.map(\.line) == [12, 14] && rules.map(\.regimen) == [0, 1])
        #expect(rules[0].conditions.map(\.observable) == ["estradiol", "T_E2_ratio"])
        #expect(rules[0].conditions.map(\.comparison) == [.below, .atLeast])
        let e2 = HPGModel(drugs: []).observables.first { $0.name == "estradiol" }!
        #expect(abs(rules[0].conditions[0].threshold - 55 / e2.siFactor) < 1e-12 && rules[0].conditions[1].threshold == 10)
        #expect(rules[0].change.dose?.baseValue == 0.5 && rules[0].change.schedule == .every(hours: 96))
        #expect(rules[1].change.stop && rules[0].text == "if E2 < 55 pmol/L and T/E2 >= 10 then {dose: 0.5 mg, every: 4 d}")
        // 55 pmol/L is 55 / 3.671 = 14.98 pg/mL: 14.9 pg/mL is below it, 15 is not.
        let titration = Titration(monitoring: monitoring, regimens: [], end: 0, catalog: .hpg)
        #expect(titration.holds(rules[0], [14.9, 300, 20]) && !titration.holds(rules[0], [15, 300, 20]))
        #expect(!titration.holds(rules[0], [14.9, 300, 9.9]))
    }

    /// Mistakes only a whole scenario shows: a rule that does not say which of two regimens it changes, a
    /// regimen name given twice, two regimens of one drug named by the drug, a single dose to titrate.
    @Test func ruleNeedsItsRegimen() {
        let two = """
            patient: {profile: obese}
            regimens:
              - {drug: anastrozole, dose: 1 mg, times_per_week: 2}
              - {drug: anastrozole, dose: 1 mg, every: 1 week}
            simulation: {duration: 24 weeks}
            monitoring:
              labs: [estradiol]
              at: [6 weeks]
              rules:
                - {if: estradiol < 15 pg/mL, then: stop}
            """
        let cases = [
            (two, "monitoring.rules[0]"),
            (two.replacingOccurrences(of: "  rules:", with: "  regimen: anastrozole\n  rules:"), "monitoring.regimen"),
            (two.replacingOccurrences(of: "2}", with: "2, name: a}").replacingOccurrences(of: "week}", with: "week, name: a}"),
             "regimens"),
            (two.replacingOccurrences(of: "  - {drug: anastrozole, dose: 1 mg, every: 1 week}\n", with: "")
                .replacingOccurrences(of: "times_per_week: 2", with: "start: 1 d")
                .replacingOccurrences(of: "then: stop", with: "then: {dose: 2 mg}"), "monitoring.rules[0].then.dose"),
        ]
        for (text, key) in cases {
            do {
                _ = try scenario(text)
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.problems.contains { $0.key == key }, "\(error.problems.map(\.key))")
            }
        }
    }

    /// The shipped titration example follows its rules: on every draw the rule that fired is the first whose
    /// conditions hold for the labs seen (none fired when none holds), and a change starts at the first dose
    /// of the regimen then in force at or after the time the result was known.
    @Test func shippedExampleFollowsItsRules() throws {
        let file = ScenarioSimulationTests.scenariosFolder + "/titration/anastrozole-titrate-to-estradiol.yaml"
        let scenario = try loader.load(path: file)
        let monitoring = try #require(scenario.monitoring)
        // Thresholds are held in conventional units, the units of the values seen.
        let log = try #require(try scenario.simulate(units: .conventional).decisions)
        #expect(log.decisions.map(\.drawTime) == [6, 12, 18, 24].map { Double($0) * 168 })
        var regimen = scenario.regimens[0]
        for decision in log.decisions {
            let first = monitoring.rules.first { rule in
                rule.conditions.allSatisfy { c in
                    let seen = decision.seen[monitoring.labs.firstIndex(of: c.observable)!]
                    switch c.comparison {
                    case .below: return seen < c.threshold
                    case .atMost: return seen <= c.threshold
                    case .above: return seen > c.threshold
                    case .atLeast: return seen >= c.threshold
                    }
                }
            }
            #expect(decision.rule?.number == first?.number, "draw \(decision.draw)")
            guard decision.changed, let next = decision.regimen else { continue }
            let nextDose = regimen.doseTimes(until: scenario.simulation.duration).first { $0 >= decision.knownTime }
            #expect(decision.effective == nextDose && next.start == nextDose)
            regimen = next
        }
        #expect(log.changes.count >= 1)
    }
}
