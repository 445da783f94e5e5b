import Testing
@testable import Scenario

/// Units convert to the base unit of their dimension (mg, IU, h, kg/m², fraction) by their definitions.
struct QuantityTests {
    func base(_ text: String, _ dimensions: [Dimension]) throws -> Double {
        try Quantity.parse(text, dimensions: dimensions).get().baseValue
    }

    @Test func massesAreMilligrams() throws {
        #expect(try base("1 mg", [.mass]) == 1)
        #expect(try base("0.5mg", [.mass]) == 0.5)
        #expect(try base("250 µg", [.mass]) == 0.25)
        #expect(try base("250 mcg", [.mass]) == 0.25)
        #expect(try base("2 g", [.mass]) == 2000)
    }

    @Test func activitiesAreInternationalUnits() throws {
        #expect(try base("5000 IU", [.mass, .activity]) == 5000)
        #expect(try base("1.5e3 IU", [.activity]) == 1500)
    }

    @Test func timesAreHours() throws {
        #expect(try base("12 h", [.time]) == 12)
        #expect(try base("3.5 d", [.time]) == 84)
        #expect(try base("90 min", [.time]) == 1.5)
        #expect(try base("2 weeks", [.time]) == 336)
        #expect(try base("1 week", [.time]) == 168)
    }

    /// A month is the mean Gregorian month, 365.25 d / 12 = 30.4375 d; twelve months are exactly 365.25 d.
    @Test func monthIsMeanGregorianMonth() throws {
        #expect(try base("1 month", [.time]) == 30.4375 * 24)
        #expect(try base("12 months", [.time]) == 365.25 * 24)
        #expect(try base("6 months", [.time]) / 24 == 182.625)
    }

    /// A year is 365.25 d (the mean Julian year), so twelve months are one year.
    @Test func yearIsTwelveMonths() throws {
        for written in ["1 y", "1 year", "1 years"] { #expect(try base(written, [.time]) == 365.25 * 24) }
        #expect(try base("2 years", [.time]) == base("24 months", [.time]))
    }

    @Test func bodyMassIndexAndPercent() throws {
        #expect(try base("25 kg/m2", [.bodyMassIndex]) == 25)
        #expect(try base("31 kg/m²", [.bodyMassIndex]) == 31)
        #expect(try base("25 %", [.fraction]) == 0.25)
    }

    @Test func badQuantitiesSayWhy() {
        #expect(Quantity.parse("1", dimensions: [.mass]) == .failure(.missingUnit))
        #expect(Quantity.parse("mg", dimensions: [.mass]) == .failure(.notANumber))
        #expect(Quantity.parse("1 mgs", dimensions: [.mass]) == .failure(.unknownUnit("mgs")))
        #expect(Quantity.parse("1 d", dimensions: [.mass]) == .failure(.wrongDimension("d")))
        #expect(Quantity.parse("1 mg", dimensions: [.time]) == .failure(.wrongDimension("mg")))
    }
}
