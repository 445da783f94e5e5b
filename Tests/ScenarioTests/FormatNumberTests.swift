import Foundation
import Testing
@testable import Scenario

/// `formatNumber` is C's "%.*g" (through the `CFormat` shim): the same text as Foundation's
/// String(format:) for ordinary, tiny, huge, negative and halfway values, at several significant digits, and
/// the words NaN, Inf, -Inf for non-finite values.
@Suite struct FormatNumberTests {
    static let values: [Double] = [
        412.3, 1.0 / 3, -2.0 / 3, 0.5, 1, 10, 1e7, 12_345_678, 9_999_999.5, 0.000_012_345_678_9, 1e-300,
        5e-324, .greatestFiniteMagnitude, 531, 0.1 + 0.2, 2.675, 1.000_000_05, -0.0, 123_456.75, 6.02214076e23,
    ]

    @Test(arguments: [1, 3, 7, 12, 17])
    func matchesPrintfG(digits: Int) {
        for value in Self.values where value != 0 {
            #expect(formatNumber(value, significantDigits: digits) == String(format: "%.*g", digits, value),
                    "\(value) at \(digits) digits")
        }
    }

    @Test func zeroAndNonFinite() {
        #expect(formatNumber(0) == "0")
        #expect(formatNumber(-0.0) == "0")
        #expect(formatNumber(.nan) == "NaN")
        #expect(formatNumber(.infinity) == "Inf")
        #expect(formatNumber(-.infinity) == "-Inf")
    }
}
