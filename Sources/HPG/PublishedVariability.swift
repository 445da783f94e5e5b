import Foundation

/// Published variability between men: the coefficient of variation of a model parameter (between-subject
/// variability of a drug's pharmacokinetics) or of a baseline lab (the spread of serum hormones between healthy
/// men). A scenario's `population` block takes these with `cv: published`; `hpgsim parameters` prints them.
///
/// A lab's CV is read from a published 95 % reference interval [lo, hi] as a log-normal: ω = ln(hi/lo)/(2·1.96),
/// CV = √(exp ω² − 1). A PK parameter's CV is the CV of the statistic that determines it (CL/F = dose/AUC, so
/// the CV of AUC).
public struct PublishedVariability: Sendable, Equatable {
    /// A parameter name (`hpgsim parameters`) or a lab observable (`testosterone`, …).
    public var name: String
    /// Coefficient of variation between men, as a fraction (0.32 = 32 %).
    public var cv: Double
    public var source: String

    public static func named(_ name: String) -> PublishedVariability? { all.first { $0.name == name } }

    /// CV of a log-normal whose central 95 % lies in [low, high].
    static func cv(referenceInterval low: Double, _ high: Double) -> Double {
        let omega = log(high / low) / (2 * 1.959963984540054)
        return (exp(omega * omega) - 1).squareRoot()
    }

    /// Qin X et al., "Reference intervals for serum sex hormones in Han Chinese adult men from the
    /// Fangchenggang Area Male Health and Examination Survey", Clin Lab 2015 (1191 healthy men 20–69 y,
    /// Elecsys), non-parametric 95 % intervals.
    static let qin2015 = "Qin X et al. Clin Lab 2015 (FAMHES, 1191 healthy men 20–69 y), 95 % reference interval"

    /// Healthy men's 95 % reference intervals of the baseline labs (Qin 2015), in each lab's SI unit: the
    /// source of the labs' CVs below, and of the run summary's note on an inferred lab far from them.
    public static let referenceIntervals: [ReferenceInterval] = [
        ReferenceInterval(observable: "testosterone", low: 12.6, high: 37.0, unit: "nmol/L", source: qin2015),
        ReferenceInterval(observable: "estradiol", low: 65.4, high: 207.7, unit: "pmol/L", source: qin2015),
        ReferenceInterval(observable: "LH", low: 2.2, high: 11.6, unit: "IU/L", source: qin2015),
        ReferenceInterval(observable: "FSH", low: 1.8, high: 16.5, unit: "IU/L", source: qin2015),
        ReferenceInterval(observable: "SHBG", low: 18.2, high: 95.1, unit: "nmol/L", source: qin2015),
    ]

    public static let all: [PublishedVariability] = [
        PublishedVariability(name: "anastrozole.CL_L_per_h", cv: 141.0 / 443.0,
                             source: "Yuan J et al. Acta Pharmacol Sin (20 men, 1 mg): AUC 443 ± 141 µg·h/L; CL/F = dose/AUC has the CV of AUC"),
        PublishedVariability(name: "anastrozole.V_L", cv: (exp(log1p(pow(14.0 / 42, 2)) - log1p(pow(141.0 / 443, 2))) - 1).squareRoot(),
                             source: "derived from Yuan (t½ 42 ± 14 h, AUC 443 ± 141): V/F = CL/F·t½/ln 2, so ω²(V) = ω²(t½) − ω²(CL) for independent CL and V"),
    ] + referenceIntervals.map {
        PublishedVariability(name: $0.observable, cv: cv(referenceInterval: $0.low, $0.high),
                             source: $0.source + " \($0.low)–\($0.high) \($0.unit), as a log-normal")
    }

    /// The table as Markdown, for `hpgsim parameters`.
    public static var table: String {
        var text = "| variability between men | CV | source |\n|---|---|---|\n"
        for entry in all {
            text += "| \(entry.name) | \(String(format: "%.1f", entry.cv * 100)) % | \(entry.source) |\n"
        }
        return text
    }
}

/// A lab's 95 % reference interval in healthy men, in the lab's SI unit (`ObservableSpec.siUnit`).
public struct ReferenceInterval: Sendable, Equatable {
    public var observable: String
    public var low: Double
    public var high: Double
    public var unit: String
    public var source: String

    public static func named(_ observable: String) -> ReferenceInterval? {
        PublishedVariability.referenceIntervals.first { $0.observable == observable }
    }
}
