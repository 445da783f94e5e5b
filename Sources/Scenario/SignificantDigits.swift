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
    /// `value` as "%.*g" with `digits` significant digits into `buffer` (at least 40 bytes: the text takes at
    /// most 22, and bytes 24… hold the digits while it is laid out); the length, or nil when the exact path
    /// must decide.
    static func format(_ value: Double, digits: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        let magnitude = value.magnitude
        guard (1...15).contains(digits), magnitude.isNormal else { return nil }
        // floor(log10 |x|) from the binary exponent: |x| = m·2^k with 1 ≤ m < 2, so log10 |x| lies in
        // [k·log10 2, k·log10 2 + 0.302), and the estimate is the decade or one below it (no log10 call).
        var exponent = Int((Double(magnitude.exponent) * 0.301_029_995_663_981_2).rounded(.down))
        var scaled = 0.0
        for _ in 0..<2 {   // at most one correction of the estimated decade
            let shift = digits - 1 - exponent
            guard abs(shift) <= 22 else { return nil }
            scaled = shift >= 0 ? magnitude * exactPowerOfTen(shift) : magnitude / exactPowerOfTen(-shift)
            if scaled >= exactPowerOfTen(digits) { exponent += 1 } else if scaled < exactPowerOfTen(digits - 1) { exponent -= 1 } else { break }
        }
        guard scaled >= exactPowerOfTen(digits - 1), scaled < exactPowerOfTen(digits) else { return nil }
        let floor = scaled.rounded(.down)
        guard abs(scaled - floor - 0.5) > scaled * 0x1p-52 else { return nil }
        var mantissa = UInt64(scaled.rounded(.toNearestOrEven))
        if mantissa == UInt64(exactPowerOfTen(digits)) { mantissa /= 10; exponent += 1 }
        return write(mantissa: mantissa, digits: digits, exponent: exponent, negative: value < 0, into: buffer)
    }

    /// printf's %g layout of the `digits`-digit integer `mantissa` times 10^(exponent − digits + 1): fixed when
    /// −4 ≤ exponent < digits, else d.ddde±XX; trailing zeros and a bare decimal point removed.
    private static func write(mantissa: UInt64, digits: Int, exponent: Int, negative: Bool,
                              into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let decimal = UnsafeMutableBufferPointer(rebasing: out[24..<(24 + digits)])
        var rest = mantissa
        for index in stride(from: digits - 1, through: 0, by: -1) {
            decimal[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        var significant = digits   // without trailing zeros
        while significant > 1, decimal[significant - 1] == UInt8(ascii: "0") { significant -= 1 }
        var length = 0
        func put(_ byte: UInt8) { out[length] = byte; length += 1 }
        if negative { put(UInt8(ascii: "-")) }
        if exponent >= -4 && exponent < digits {
            if exponent < 0 {
                put(UInt8(ascii: "0")); put(UInt8(ascii: "."))
                for _ in 0..<(-exponent - 1) { put(UInt8(ascii: "0")) }
                for index in 0..<significant { put(decimal[index]) }
            } else {
                for index in 0...exponent { put(decimal[index]) }
                if significant > exponent + 1 {
                    put(UInt8(ascii: "."))
                    for index in (exponent + 1)..<significant { put(decimal[index]) }
                }
            }
        } else {
            put(decimal[0])
            if significant > 1 {
                put(UInt8(ascii: "."))
                for index in 1..<significant { put(decimal[index]) }
            }
            put(UInt8(ascii: "e")); put(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let power = abs(exponent)
            if power >= 100 { put(UInt8(ascii: "0") + UInt8(power / 100)) }
            put(UInt8(ascii: "0") + UInt8(power / 10 % 10)); put(UInt8(ascii: "0") + UInt8(power % 10))
        }
        return length
    }
}
