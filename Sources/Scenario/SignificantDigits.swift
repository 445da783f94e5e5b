import Dosing
import Foundation

/// C's "%.*g" for 1…15 significant digits without printf, for the values whose rounding a double product
/// decides; `nil` sends the rest (ties and near-ties, subnormals, magnitudes beyond 1e±22 of the digits) to
/// snprintf. Writing CSVs is mostly this formatting: printf's exact multi-precision path was a fifth of
/// `hpgsim events` on the 1000-individual benchmark.
///
/// The rounding: with |x| = d·10^e exactly (1 ≤ d < 10), %.pg rounds the real number m* = |x|·10^(p−1−e) to
/// an integer, half to even. For |p − 1 − e| ≤ 22 the power of ten is an exact double, so the one product (or
/// quotient) m = fl(m*) is m*·(1 + δ) with |δ| ≤ 2⁻⁵³, an absolute error below m·2⁻⁵³ < 10^p·2⁻⁵³ ≤ 0.12 for
/// p ≤ 15. Whenever m's distance to the nearest half-integer exceeds m·2⁻⁵², m* rounds to the same integer
/// as m; otherwise the exact path decides. A product that lands outside [10^(p−1), 10^p) (log10 off by one
/// near a power of ten) moves e by one and is recomputed; a rounding up to 10^p carries into e, as printf's
/// does.
enum SignificantDigits {
    /// `value` as "%.*g" with `digits` significant digits into `buffer` (at least 22 bytes, the longest
    /// text); the length, or nil when the exact path must decide.
    static func format(_ value: Double, digits: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        let magnitude = value.magnitude
        guard (1...15).contains(digits), magnitude.isNormal else { return nil }
        // floor(log10 |x|) from the binary exponent: |x| = m·2^k with 1 ≤ m < 2, so log10 |x| lies in
        // [k·log10 2, k·log10 2 + 0.302), and the estimate is the decade or one below it (no log10 call).
        var exponent = Int((Double(magnitude.exponent) * 0.301_029_995_663_981_2).rounded(.down))
        var scaled = 0.0
        let (lower, upper) = (exactPowerOfTen(digits - 1), exactPowerOfTen(digits))   // the mantissa's range
        for _ in 0..<2 {   // at most one correction of the estimated decade
            let shift = digits - 1 - exponent
            guard abs(shift) <= 22 else { return nil }
            scaled = shift >= 0 ? magnitude * exactPowerOfTen(shift) : magnitude / exactPowerOfTen(-shift)
            if scaled >= upper { exponent += 1 } else if scaled < lower { exponent -= 1 } else { break }
        }
        guard scaled >= lower, scaled < upper else { return nil }
        let floor = scaled.rounded(.down)
        guard abs(scaled - floor - 0.5) > scaled * 0x1p-52 else { return nil }
        var mantissa = UInt64(scaled.rounded(.toNearestOrEven))
        if mantissa == UInt64(upper) { mantissa /= 10; exponent += 1 }
        return write(mantissa: mantissa, digits: digits, exponent: exponent, negative: value < 0, into: buffer)
    }

    /// printf's %g layout of the `digits`-digit integer `mantissa` times 10^(exponent − digits + 1): fixed when
    /// −4 ≤ exponent < digits, else d.ddde±XX; trailing zeros and a bare decimal point removed. The trailing
    /// zeros are divided off the mantissa first, and the digits are then written right to left into their
    /// places (no intermediate digit string: this was a third of writing a number).
    private static func write(mantissa: UInt64, digits: Int, exponent: Int, negative: Bool,
                              into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let p = out.baseAddress!
        let (zero, point) = (UInt8(ascii: "0"), UInt8(ascii: "."))
        var m = mantissa, significant = digits   // the digits without trailing zeros
        while significant > 1 && m % 10 == 0 { m /= 10; significant -= 1 }
        /// Writes the lowest `count` digits of m into p[end − count ..< end] and divides them off m.
        func popDigits(_ count: Int, endingAt end: Int) {
            var index = end
            for _ in 0..<count {
                index -= 1
                p[index] = zero &+ UInt8(truncatingIfNeeded: m % 10)
                m /= 10
            }
        }
        var length = 0
        if negative { p[0] = UInt8(ascii: "-"); length = 1 }
        if exponent >= -4 && exponent < digits {
            if exponent < 0 {   // 0.000ddd
                let zeros = -exponent - 1
                p[length] = zero
                p[length + 1] = point
                for k in 0..<zeros { p[length + 2 + k] = zero }
                length += 2 + zeros + significant
                popDigits(significant, endingAt: length)
            } else if significant <= exponent + 1 {   // ddd000
                let end = length + exponent + 1
                for k in (length + significant)..<end { p[k] = zero }
                popDigits(significant, endingAt: length + significant)
                length = end
            } else {   // ddd.ddd, the point after exponent + 1 digits
                length += significant + 1
                let pointIndex = length - significant + exponent
                popDigits(significant - exponent - 1, endingAt: length)
                p[pointIndex] = point
                popDigits(exponent + 1, endingAt: pointIndex)
            }
        } else {   // d.ddde±XX
            let start = length
            if significant > 1 {
                length += significant + 1
                popDigits(significant - 1, endingAt: length)
                p[start + 1] = point
            } else {
                length += 1
            }
            popDigits(1, endingAt: start + 1)
            p[length] = UInt8(ascii: "e")
            p[length + 1] = exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
            length += 2
            let power = abs(exponent)
            if power >= 100 { p[length] = zero + UInt8(power / 100); length += 1 }
            p[length] = zero + UInt8(power / 10 % 10)
            p[length + 1] = zero + UInt8(power % 10)
            length += 2
        }
        return length
    }
}
