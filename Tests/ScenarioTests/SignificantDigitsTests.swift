import Foundation
import Population
import Testing
@testable import Scenario

/// `SignificantDigits` is printf's "%.*g" (glibc, through Foundation's String(format:), the reference) wherever
/// it answers, and it answers for nearly every value: it declines only where a double product cannot decide the
/// rounding (ties and near-ties) or the value is out of its range, and formatNumber then asks snprintf.
@Suite struct SignificantDigitsTests {
    static func fast(_ value: Double, _ digits: Int) -> String? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            SignificantDigits.format(value, digits: digits, into: buffer).map { String(decoding: buffer[..<$0], as: UTF8.self) }
        }
    }

    static func printf(_ value: Double, _ digits: Int) -> String { String(format: "%.*g", digits, value) }

    /// 100 000 values with random 53-bit significands and decimal magnitudes 10^(p−22) … 1e15 (where the power
    /// of ten it scales by is exact), both signs, at p = 1, 4, 7, 12 and 15 digits: every answer is printf's. It declines a value when the scaled m < 10^p lies within
    /// m·2⁻⁵² of a half-integer, a band of width below 10^p·2⁻⁵¹: so at most that fraction of values (4.4e-9 at
    /// p = 7, 0.44 at p = 15), plus a binomial 5σ margin.
    @Test(arguments: [1, 4, 7, 12, 15])
    func randomValuesMatchPrintf(digits: Int) {
        var random = SubjectStream(seed: 20261207, subject: UInt64(digits))   // the project's seeded streams
        var declined = 0
        let count = 100_000
        for _ in 0..<count {
            let (u1, u2) = random.uniformPair(), (u3, _) = random.uniformPair()
            let significand = 0.5 + u1
            let decade = Double(digits - 22) + (u2 * Double(38 - digits)).rounded(.down)
            let value = (u3 < 0.5 ? 1 : -1) * significand * pow(10, decade)
            guard let text = Self.fast(value, digits) else { declined += 1; continue }
            #expect(text == Self.printf(value, digits), "\(value) at \(digits) digits")
        }
        let rate = min(1, pow(10, Double(digits)) * 0x1p-51), expected = rate * Double(count)
        #expect(Double(declined) <= expected + 5 * (expected * (1 - rate)).squareRoot() + 1, "declined \(declined) of \(count)")
    }

    /// The places where a formatter goes wrong: exact ties (half to even), decimal fractions just off a tie
    /// (2.675 is 2.67499999…), values next to each power of ten (the decade guess and the carry 9.99… → 10),
    /// the fixed/scientific switch at 1e−5/1e−4 and at 10^p, and integers.
    @Test func edgeCasesMatchPrintf() {
        var values: [Double] = [0.5, 1.5, 2.5, 1_234_567.5, 9_999_999.5, 2.675, 1.000_000_05, 9.999_999_5,
                                0.000_123_456_75, 0.1 + 0.2, 1 / 3.0, 531, 412.3, 99_999.995, 0.000_099_999_995,
                                123_456_789_012_345, 4_503_599_627_370_497, 6.02214076e23, 1e-22, 1e22, 8.5, 0.125]
        for k in -25...25 {
            let power = pow(10.0, Double(k))
            values += [power, power.nextUp, power.nextDown, 9.999_999_5 * power, 9.999_999_4 * power, 0.999_999_95 * power]
        }
        for digits in [1, 2, 3, 6, 7, 8, 15] {
            for value in values + values.map({ -$0 }) {
                guard let text = Self.fast(value, digits) else { continue }
                #expect(text == Self.printf(value, digits), "\(value) at \(digits) digits")
            }
        }
    }

    /// Declined: exact ties, which need printf's exact decimal expansion, and what is out of its range
    /// (subnormals, 16 or more digits, magnitudes whose power of ten is not an exact double).
    @Test func declinesWhatItCannotDecide() {
        #expect(Self.fast(1_234_567.5, 7) == nil)
        #expect(Self.fast(2.5, 1) == nil)
        #expect(Self.fast(0.25, 1) == nil)
        #expect(Self.fast(5e-324, 7) == nil)
        #expect(Self.fast(0.1, 16) == nil)
        #expect(Self.fast(1e-300, 7) == nil)
        #expect(Self.fast(.greatestFiniteMagnitude, 7) == nil)
        #expect(formatNumber(1_234_567.5) == "1234568")   // snprintf's half to even
        #expect(formatNumber(1e-300) == "1e-300")
    }
}
