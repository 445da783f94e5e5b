import Foundation

/// How far one man's measured lab scatters around his own true level from one blood draw to the next: the
/// within-subject coefficient of variation (biological day-to-day variation, with the assay's analytical
/// variation where the source includes it). It is the residual error of a forecast (`hpgsim forecast`), a
/// proportional (log-normal) error: ln(measured) = ln(true) + ε, ε ~ N(0, ω²), ω² = ln(1 + CV²).
///
/// A reference change value RCV = z·√2·CV at two-sided 95 % (z = 1.96) gives CV = RCV/(1.96·√2).
public struct WithinSubjectVariability: Sendable, Equatable {
    /// A lab observable (`testosterone`, …).
    public var observable: String
    /// Within-subject CV, as a fraction (0.115 = 11.5 %).
    public var cv: Double
    public var source: String

    public static func named(_ observable: String) -> WithinSubjectVariability? { all.first { $0.observable == observable } }

    /// CV from a two-sided 95 % reference change value given in percent.
    static func cv(referenceChangePercent rcv: Double) -> Double { rcv / 100 / (1.959963984540054 * 2.0.squareRoot()) }

    static let ahokoski1998 = "Ahokoski O et al. Clin Chem Lab Med 1998;36(7):485–491 (31 healthy men, 08:00 samples on"
        + " days 1–9): reference change limit"
    static let guldhaug = "Guldhaug NA et al., within-subject biological variation of endocrine markers (30 healthy"
        + " volunteers sampled weekly for 10 weeks; men for LH), Bayesian CV_I"

    public static let all: [WithinSubjectVariability] = [
        WithinSubjectVariability(observable: "testosterone", cv: cv(referenceChangePercent: 32.0),
                                 source: ahokoski1998 + " ±32.0 %, analytical and biological (CV_A+I = RCV/(1.96·√2))"),
        WithinSubjectVariability(observable: "estradiol", cv: cv(referenceChangePercent: 38.3),
                                 source: ahokoski1998 + " ±38.3 %, analytical and biological (CV_A+I = RCV/(1.96·√2))"),
        // Ahokoski 1998 measured E2 by immunoassay (a 1998 laboratory), so its limit is the immunoassay's; the
        // same CV serves E2 entered by mass spectrometry (no within-subject figure for it was found).
        WithinSubjectVariability(observable: "estradiol_immunoassay", cv: cv(referenceChangePercent: 38.3),
                                 source: ahokoski1998 + " ±38.3 %, analytical and biological (CV_A+I = RCV/(1.96·√2)), an immunoassay"),
        WithinSubjectVariability(observable: "FSH", cv: cv(referenceChangePercent: 24.1),
                                 source: ahokoski1998 + " ±24.1 %, analytical and biological (CV_A+I = RCV/(1.96·√2))"),
        WithinSubjectVariability(observable: "LH", cv: 0.26,
                                 source: guldhaug + " 26 % (Ahokoski 1998 gave no limit for LH: too heterogeneous)"),
        WithinSubjectVariability(observable: "SHBG", cv: 0.074, source: guldhaug + " 7.4 %"),
    ]

    /// The table as Markdown, for `hpgsim parameters`.
    public static var table: String {
        var text = "| within-subject variability (forecast residual error) | CV | source |\n|---|---|---|\n"
        for entry in all {
            text += "| \(entry.observable) | \(String(format: "%.1f", entry.cv * 100)) % | \(entry.source) |\n"
        }
        return text
    }
}
