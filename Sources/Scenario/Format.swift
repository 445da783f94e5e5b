import CFormat
import Foundation

/// A number with up to `significantDigits` significant digits, without trailing zeros (C's `%.*g`):
/// deterministic text for CSV cells and summaries, e.g. 412.3 → "412.3", 1/3 → "0.3333333".
/// Formatted by `SignificantDigits` where a double product decides the rounding, else by snprintf, both into a
/// stack buffer (`CFormat`): Foundation's String(format:) costs a locale lookup
/// per call, which dominated writing a 6-month daily CSV, and a va_list built by withVaList cost more than the
/// formatting (dynamic casts of each argument: 46 % of `hpgsim events` on the 1000-individual benchmark).
public func formatNumber(_ value: Double, significantDigits: Int = 7) -> String {
    withFormattedNumber(value, significantDigits) { String(decoding: $0, as: UTF8.self) }
}

/// `formatNumber`'s text appended to `out` as UTF-8 bytes, without a String in between (a table of
/// 670 000 rows writes two million numbers).
public func appendNumber(_ value: Double, significantDigits: Int = 7, to out: inout [UInt8]) {
    withFormattedNumber(value, significantDigits) { out.append(contentsOf: $0) }
}

/// Calls `body` with the bytes of `value` formatted as `formatNumber` describes, held in a stack buffer.
@inline(__always)
private func withFormattedNumber<R>(_ value: Double, _ significantDigits: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    guard value.isFinite, value != 0 else {
        let text: StaticString = value == 0 ? "0" : value.isNaN ? "NaN" : (value > 0 ? "Inf" : "-Inf")
        return body(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
        let length = SignificantDigits.format(value, digits: significantDigits, into: buffer)
            ?? Int(buffer.withMemoryRebound(to: CChar.self) {
                hpgsim_format_significant($0.baseAddress!, 40, Int32(significantDigits), value)
            })
        return body(UnsafeBufferPointer(rebasing: buffer[..<min(max(length, 0), 39)]))
    }
}
