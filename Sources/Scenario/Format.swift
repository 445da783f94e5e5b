import Foundation

/// A number with up to `significantDigits` significant digits, without trailing zeros (C's `%.*g`):
/// deterministic text for CSV cells and summaries, e.g. 412.3 → "412.3", 1/3 → "0.3333333".
/// Formatted by vsnprintf into a stack buffer: Foundation's String(format:) costs a locale lookup per call,
/// which dominated writing a 6-month daily CSV.
public func formatNumber(_ value: Double, significantDigits: Int = 7) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "Inf" : "-Inf") }
    if value == 0 { return "0" }
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 40) { buffer in
        _ = withVaList([Int32(significantDigits), value]) { vsnprintf(buffer.baseAddress!, 40, "%.*g", $0) }
        return String(cString: buffer.baseAddress!)
    }
}
