import CFormat
import Foundation

/// A number with up to `significantDigits` significant digits, without trailing zeros (C's `%.*g`):
/// deterministic text for CSV cells and summaries, e.g. 412.3 → "412.3", 1/3 → "0.3333333".
/// Formatted by `SignificantDigits` where a double product decides the rounding, else by snprintf, both into a
/// stack buffer (`CFormat`): Foundation's String(format:) costs a locale lookup
/// per call, which dominated writing a 6-month daily CSV, and a va_list built by withVaList cost more than the
/// formatting (dynamic casts of each argument: 46 % of `hpgsim events` on the 1000-individual benchmark).
public func formatNumber(_ value: Double, significantDigits: Int = 7) -> String {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: numberTextCapacity) { buffer in
        let length = writeNumber(value, significantDigits: significantDigits, to: buffer.baseAddress!)
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<length]), as: UTF8.self)
    }
}

/// The most bytes `writeNumber` writes (the text, and snprintf's terminating NUL).
public let numberTextCapacity = 40

/// `formatNumber`'s text written as UTF-8 bytes at `out`, which has room for `numberTextCapacity` bytes; returns
/// its length. A table writes its numbers in place this way, without a String or an array append per number
/// (`hpgsim events` writes two million).
public func writeNumber(_ value: Double, significantDigits: Int = 7, to out: UnsafeMutablePointer<UInt8>) -> Int {
    guard value.isFinite, value != 0 else {
        let text: StaticString = value == 0 ? "0" : value.isNaN ? "NaN" : (value > 0 ? "Inf" : "-Inf")
        out.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        return text.utf8CodeUnitCount
    }
    let buffer = UnsafeMutableBufferPointer(start: out, count: numberTextCapacity)
    let length = SignificantDigits.format(value, digits: significantDigits, into: buffer)
        ?? Int(buffer.withMemoryRebound(to: CChar.self) {
            hpgsim_format_significant($0.baseAddress!, Int32(numberTextCapacity), Int32(significantDigits), value)
        })
    return min(max(length, 0), numberTextCapacity - 1)
}
