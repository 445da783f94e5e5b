import Foundation

/// A number with up to `significantDigits` significant digits, without trailing zeros: deterministic text for
/// CSV cells and summaries (e.g. 412.3 → "412.3", 1/3 → "0.3333333").
public func formatNumber(_ value: Double, significantDigits: Int = 7) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "Inf" : "-Inf") }
    if value == 0 { return "0" }
    return String(format: "%.\(significantDigits)g", value)
}
