import Foundation
import Testing
@testable import Plot

/// Heckbert's nice numbers and the tick sets built from them: nice spacings, ticks that cover the data.
struct TickTests {
    /// m·10^k with m in {1, 2, 5}, up to rounding of the power of ten.
    static func isNice(_ x: Double) -> Bool {
        let exponent = Foundation.log10(x).rounded(.down)
        let m = x / pow(10, exponent)
        return [1.0, 2, 5, 10].contains { abs(m - $0) < 1e-9 }
    }

    /// Heckbert's table: rounding picks 1 below 1.5, 2 below 3, 5 below 7, else 10; the ceiling picks the
    /// smallest of 1, 2, 5, 10 not below the fraction.
    @Test func niceNumberTable() {
        #expect(NiceNumbers.nice(1.49, round: true) == 1)
        #expect(NiceNumbers.nice(1.5, round: true) == 2)
        #expect(NiceNumbers.nice(2.99, round: true) == 2)
        #expect(NiceNumbers.nice(6.9, round: true) == 5)
        #expect(NiceNumbers.nice(7, round: true) == 10)
        #expect(NiceNumbers.nice(0.029, round: true) == 0.02)
        #expect(NiceNumbers.nice(0.031, round: true) == 0.05)
        #expect(NiceNumbers.nice(1, round: false) == 1)
        #expect(NiceNumbers.nice(1.01, round: false) == 2)
        #expect(NiceNumbers.nice(4200, round: false) == 5000)
        #expect(NiceNumbers.nice(0.0051, round: false) == 0.01)
    }

    /// Linear ticks are equally spaced by a nice number, start at or below the smallest value, end at or above
    /// the largest, overshoot by less than a spacing, and each is an integer multiple of the spacing.
    @Test(arguments: [(0.0, 1.0), (3.2, 847.0), (-12.5, 7.25), (0.0012, 0.0071), (299.0, 301.0),
                      (-1e6, -3e5), (42.0, 42.0), (0.0, 0.0), (15.0, 1234.5)])
    func linearTicksCoverTheDataWithNiceSpacing(_ range: (Double, Double)) {
        let ticks = NiceNumbers.linear(range.0, range.1)
        let v = ticks.values
        #expect(v.count >= 2 && v.count <= 12)
        let spacing = v[1] - v[0]
        #expect(Self.isNice(spacing))
        for (a, b) in zip(v, v.dropFirst()) { #expect(abs((b - a) - spacing) <= 1e-9 * spacing) }
        for t in v { #expect(abs(t / spacing - (t / spacing).rounded()) < 1e-9) }
        #expect(v.first! <= range.0 && v.last! >= range.1)
        #expect(range.0 - v.first! < spacing || range.0 == range.1)
        #expect(v.last! - range.1 < spacing || range.0 == range.1)
        #expect(v.first! < v.last!)
    }

    /// Heckbert's decimals: max(−⌊log10 d⌋, 0) for spacing d, so 0.25-ish spacings of 0.2 show one decimal
    /// and the labels read back to the tick values.
    @Test func linearLabelsHaveTheSpacingsDecimals() {
        let ticks = NiceNumbers.linear(0, 1)
        #expect(ticks.values.count == 6)   // spacing nice(1/4) = 0.2 (rounded): 0, 0.2, …, 1
        #expect(ticks.labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let large = NiceNumbers.linear(0, 850)
        #expect(large.labels.allSatisfy { !$0.contains(".") })
        for (value, label) in zip(large.values, large.labels) { #expect(Double(label) == value) }
    }

    /// Log ticks: 1–2–5 per decade over fewer than three decades, decades (or every n-th) beyond; they cover
    /// the data.
    @Test(arguments: [(3.0, 70.0), (0.02, 0.9), (1e-9, 1e-2), (5.0, 5.0), (1e-12, 1e6), (120.0, 4000.0)])
    func logTicksCoverTheData(_ range: (Double, Double)) {
        let ticks = NiceNumbers.log10(range.0, range.1)
        let v = ticks.values
        #expect(v.first! <= range.0 * (1 + 1e-12) && v.last! >= range.1 * (1 - 1e-12))
        #expect(v.allSatisfy(Self.isNice))
        #expect(zip(v, v.dropFirst()).allSatisfy { $0 < $1 })
        #expect(v.count <= 10)
        for (value, label) in zip(v, ticks.labels) { #expect(abs(Double(label)! / value - 1) < 1e-12) }
    }

    @Test func logTicksOfTwoDecadesAreOneTwoFive() {
        #expect(NiceNumbers.log10(0.02, 0.9).labels == ["0.02", "0.05", "0.1", "0.2", "0.5", "1"])
        #expect(NiceNumbers.log10(3, 70).values == [2, 5, 10, 20, 50, 100])
        #expect(NiceNumbers.log10(1e-9, 1e-2).labels == ["1e-9", "1e-8", "1e-7", "1e-6", "1e-5", "1e-4", "1e-3", "1e-2"])
    }

    /// Fixed decimals round half away from zero and write no locale's separators.
    @Test func fixedDecimals() {
        #expect(NumberText.fixed(2.5, 0) == "3")
        #expect(NumberText.fixed(-2.5, 0) == "-3")
        #expect(NumberText.fixed(1234567.891, 2) == "1234567.89")
        #expect(NumberText.fixed(-0.004, 2) == "0.00")
        #expect(NumberText.fixed(0, 0) == "0")
        #expect(NumberText.fixed(0.05, 3) == "0.050")
        #expect(NumberText.compact(0.050, 3) == "0.05")
        #expect(NumberText.scientific(1.5e20) == "1.5e20")
        #expect(NumberText.scientific(9.999e-8) == "1e-7")
    }
}
