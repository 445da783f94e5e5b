import CFormat
import Foundation

/// A number with up to `significantDigits` significant digits, without trailing zeros (C's `%.*g`):
/// deterministic text for CSV cells and summaries, e.g. 412.3 → "412.3", 1/3 → "0.3333333".
/// Formatted by `SignificantDigits` where a double product decides the rounding, else by snprintf, both into a
/// stack buffer (`CFormat`): Foundation's String(format:) costs a locale lookup
/// per call, which dominated writing a 6-month daily CSV, and a va_list built by withVaList cost more than the
/// formatting (dynamic casts of each argument: 46 % of `hpgsim events` on the 1000-individual benchmark).
public func formatNumber(_ value: Double, significantDigits: Int = 7) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "Inf" : "-Inf") }
    if value == 0 { return "0" }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
        let length = SignificantDigits.format(value, digits: significantDigits, into: buffer)
            ?? Int(buffer.withMemoryRebound(to: CChar.self) {
                hpgsim_format_significant($0.baseAddress!, 40, Int32(significantDigits), value)
            })
        return String(decoding: buffer[..<min(max(length, 0), 39)], as: UTF8.self)
    }
}
