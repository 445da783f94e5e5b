import ArgumentParser
import Forecast
import Foundation
import HPG
import Scenario

struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Find the gentlest regimen that meets a man's targets, with each candidate's probability of meeting them.",
        discussion: """
            The man is estimated from his labs as `hpgsim forecast` does (without --labs, the population block's \
            prior alone: a man about whom nothing is measured yet). Each candidate, no drug and the documents' \
            regimen space (anastrozole 0.25–1 mg once weekly to daily, letrozole 2.5 mg once weekly to daily, clomiphene \
            25 mg every other day or daily, anastrozole with clomiphene) replaces his regimen from his last lab \
            on; a target is met when it holds at every daily sample of the last 4 weeks of --weeks. The \
            recommendation is the gentlest candidate (least drug per week, in reference daily doses) whose \
            probability of meeting all targets is at least --probability.

            Examples:
              hpgsim recommend scenarios/forecast/anastrozole-1mg-twice-weekly.yaml --labs scenarios/forecast/labs-example.csv
              hpgsim recommend S.yaml --labs L.csv --target "T/E2 >= 10" --target "E2 >= 20 pg/mL" --probability 0.9
              hpgsim recommend scenarios/forecast/anastrozole-by-profile.yaml --profile obese   (no labs yet)
            """)

    @Argument(help: ArgumentHelp("The scenario (.yaml) with a population block; its regimens are his regimen so far.",
                                 valueName: "scenario"))
    var scenario: String

    @Option(help: ArgumentHelp("The man's measured labs (CSV, as for forecast).", valueName: "labs.csv"))
    var labs: String?

    @Option(name: .customLong("target"), help: ArgumentHelp("""
        A target, e.g. "estradiol >= 15 pg/mL" (repeatable). Default: T_E2_ratio >= 10, testosterone >= 300 \
        ng/dL, estradiol >= 15 pg/mL, estradiol <= 40 pg/mL.
        """, valueName: "condition"))
    var targets: [String] = []

    @Option(help: ArgumentHelp("Weeks on the new regimen.", valueName: "n"))
    var weeks: Double = 12

    @Option(help: ArgumentHelp("Probability of meeting every target that a recommendation needs.", valueName: "p"))
    var probability: Double = 0.8

    @Option(help: ArgumentHelp("The patient's profile instead of the scenario's (`hpgsim list profiles`).", valueName: "name"))
    var profile: String?

    @OptionGroup var sampling: PosteriorSampling

    func validate() throws {
        guard weeks >= 4 && weeks <= 104 else { throw ValidationError("--weeks \(formatNumber(weeks)) is not allowed; use 4 to 104.") }
        guard probability > 0 && probability < 1 else {
            throw ValidationError("--probability \(formatNumber(probability)) is not allowed; use a number between 0 and 1.")
        }
        if let profile, ProfileRegistry.named(profile) == nil {
            throw ValidationError("--profile \(profile) is not a profile; use one of " + ProfileRegistry.names.joined(separator: ", ") + ".")
        }
    }

    func run() throws {
        var scenario = try ScenarioFiles.load([self.scenario])[0]
        if let profile { scenario.patient.profile = profile }
        let (prior, measured) = try ForecastInputs.load(scenario, labs: labs)
        let conditions = try ForecastInputs.conditions(
            targets.isEmpty ? ["T_E2_ratio >= 10", "testosterone >= 300 ng/dL", "estradiol >= 15 pg/mL", "estradiol <= 40 pg/mL"]
                : targets, option: "--target", observables: prior.plan.modelObservables)
        let estimate: IndividualEstimate
        do { estimate = try IndividualEstimate(prior: prior, labs: measured) } catch {
            print("hpgsim: \(labs ?? scenario.file): \(error)", to: &standardError)
            throw ExitCode.failure
        }
        let settings = sampling.settings(defaultDraws: 100)
        let recommendation = Recommendation(estimate, targets: conditions, horizonHours: weeks * 168,
                                            requiredProbability: probability, settings: settings)
        print(RecommendReport.text(recommendation, labs: labs, draws: settings.draws))
    }
}

/// What `recommend` prints.
enum RecommendReport {
    static func text(_ r: Recommendation, labs: String?, draws: Int) -> String {
        let percent = { (p: Double) in String(format: "%.0f %%", 100 * p) }
        var lines = ["Regimens from day \(formatNumber(r.fromHours / 24)) for \(formatNumber(r.horizonHours / 168)) weeks, "
                     + (labs.map { "for the man of \($0)" } ?? "for a man drawn from the population (no labs)")
                     + "; targets met at every daily sample of the last 4 weeks:", ""]
        var table = TextTable(header: ["", "regimen", "drug per week"] + r.targets.map(\.text) + ["all targets"])
        let order = r.outcomes.indices.sorted {
            (r.outcomes[$0].candidate.weeklyExposure, $0) < (r.outcomes[$1].candidate.weeklyExposure, $1)
        }
        for k in order {
            let o = r.outcomes[k]
            table.append([k == r.chosen ? "→" : "", o.candidate.name, formatNumber(o.candidate.weeklyExposure, significantDigits: 3)]
                         + o.probabilities.map(percent))
        }
        lines.append(table.render(indent: "  "))
        lines.append("")
        lines.append("  drug per week: the weekly amount in reference daily doses (anastrozole 1 mg, letrozole 2.5 mg,"
                     + " clomiphene 25 mg).")
        let winner = r.outcomes[r.chosen]
        let all = winner.probabilities.last!
        if all >= r.requiredProbability {
            let gentler = order.prefix { $0 != r.chosen }
            var why = "Recommended: \(winner.candidate.name). It meets every target with probability \(percent(all))"
                + " (at least \(percent(r.requiredProbability)) needed)"
            if gentler.isEmpty {
                why += ", and no candidate gives less drug."
            } else {
                let best = gentler.max { r.outcomes[$0].probabilities.last! < r.outcomes[$1].probabilities.last! }!
                let weakest = r.targets.indices.min { r.outcomes[best].probabilities[$0] < r.outcomes[best].probabilities[$1] }!
                why += "; none of the \(gentler.count) gentler candidates does: the best of them, \(r.outcomes[best].candidate.name),"
                    + " reaches \(percent(r.outcomes[best].probabilities.last!)), held back most by "
                    + "\(r.targets[weakest].text) (\(percent(r.outcomes[best].probabilities[weakest])))."
            }
            lines.append(why)
        } else {
            let weakest = r.targets.indices.min { winner.probabilities[$0] < winner.probabilities[$1] }!
            lines.append("No candidate meets every target with probability \(percent(r.requiredProbability)). The likeliest is "
                         + "\(winner.candidate.name) (\(percent(all))), held back most by \(r.targets[weakest].text) "
                         + "(\(percent(winner.probabilities[weakest]))).")
        }
        var seen: Set<String> = []
        lines.append("Medians over the last 4 weeks on it: " + zip(r.targets, winner.medians).compactMap { target, value in
            seen.insert(target.observable).inserted ? "\(target.observable) \(formatNumber(value, significantDigits: 3))" : nil
        }.joined(separator: ", ") + ".")
        lines.append(String(format: "Posterior: %d draws, effective sample size %.0f.", draws, r.effectiveSampleSize))
        return lines.joined(separator: "\n")
    }
}
