import Foundation

/// Numbers as text without the C library or a locale: the same bytes on every machine.
public enum NumberText {
    /// `value` rounded half away from zero to `decimals` places (0...9), written with "." and no grouping,
    /// e.g. fixed(2.5, 0) = "3", fixed(-0.004, 2) = "0.00" (no minus sign on a value that rounds to zero),
    /// fixed(1234.5678, 2) = "1234.57". Magnitudes of 1e15 and beyond are written in the scientific form, where
    /// a Double has no digits left for the decimals.
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        precondition((0...9).contains(decimals), "decimals must be 0...9")
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity") }
        guard abs(value) < 1e15 else { return scientific(value) }
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let units = Int64((abs(value) * Double(scale)).rounded(.toNearestOrAwayFromZero))
        let whole = String(units / scale)
        var text = value < 0 && units != 0 ? "-" + whole : whole
        if decimals > 0 {
            let fraction = String(units % scale)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text
    }

    /// `fixed` with trailing zeros (and a trailing ".") removed: compact(2.50, 2) = "2.5", compact(3, 2) = "3".
    public static func compact(_ value: Double, _ decimals: Int) -> String {
        var text = fixed(value, decimals)
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// m·10^e with the mantissa to 3 significant digits, trailing zeros dropped: 1.5e+20 → "1.5e20",
    /// 1e-7 → "1e-7".
    public static func scientific(_ value: Double) -> String {
        guard value.isFinite, value != 0 else { return value == 0 ? "0" : fixed(value, 0) }
        var exponent = Int((log10(abs(value))).rounded(.down))
        var mantissa = value / power10(exponent)
        if abs(mantissa) >= 9.995 { mantissa /= 10; exponent += 1 }   // rounding to 3 digits carries over
        return compact(mantissa, 2) + "e" + String(exponent)
    }

    /// 10^e for an integer e, exact for |e| ≤ 22 (products of exact powers of ten).
    public static func power10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }
}
