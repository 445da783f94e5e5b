import Foundation

/// Quantities written in scenario files: a number followed by its unit, e.g. `1 mg`, `5000 IU`, `3.5 d`,
/// `12 h`, `2 weeks`, `5 months`, `55 years`, `25 kg/m2`, `20 %`.
///
/// Every quantity is converted once, at parse time, to the base unit of its dimension:
/// mass → mg, activity → IU, time → h (the model's time unit), body-mass index → kg/m², fraction → 1.
/// A year is 365.25 d (the mean Julian year, the unit of age covariates) and a month a twelfth of it,
/// 30.4375 d (the mean calendar month), so `6 months` = 182.625 d and `12 months` = `1 year`.

/// What a quantity measures; each dimension has one base unit.
public enum Dimension: String, Sendable, CaseIterable {
    case mass, activity, time, bodyMassIndex, fraction

    /// How the dimension reads in an error message.
    var phrase: String {
        switch self {
        case .mass: "a mass"
        case .activity: "an activity in international units"
        case .time: "a time"
        case .bodyMassIndex: "a body-mass index"
        case .fraction: "a percentage"
        }
    }
}

/// A unit symbol the scenario language accepts, its spellings, and its factor to the base unit.
public struct QuantityUnit: Sendable, Equatable {
    public let symbol: String
    public let dimension: Dimension
    /// value in base unit = value in this unit × `toBase`.
    public let toBase: Double
    let spellings: [String]

    /// Hours in a year: 365.25 d × 24 h.
    public static let hoursPerYear = 365.25 * 24
    /// Hours in a month: a twelfth of a year.
    public static let hoursPerMonth = hoursPerYear / 12

    public static let all: [QuantityUnit] = [
        QuantityUnit(symbol: "mg", dimension: .mass, toBase: 1, spellings: ["mg"]),
        QuantityUnit(symbol: "µg", dimension: .mass, toBase: 1e-3, spellings: ["µg", "μg", "ug", "mcg"]),
        QuantityUnit(symbol: "ng", dimension: .mass, toBase: 1e-6, spellings: ["ng"]),
        QuantityUnit(symbol: "g", dimension: .mass, toBase: 1e3, spellings: ["g"]),
        QuantityUnit(symbol: "IU", dimension: .activity, toBase: 1, spellings: ["IU", "iu"]),
        QuantityUnit(symbol: "min", dimension: .time, toBase: 1.0 / 60, spellings: ["min", "minute", "minutes"]),
        QuantityUnit(symbol: "h", dimension: .time, toBase: 1, spellings: ["h", "hour", "hours"]),
        QuantityUnit(symbol: "d", dimension: .time, toBase: 24, spellings: ["d", "day", "days"]),
        QuantityUnit(symbol: "weeks", dimension: .time, toBase: 168, spellings: ["week", "weeks", "wk"]),
        QuantityUnit(symbol: "months", dimension: .time, toBase: hoursPerMonth, spellings: ["month", "months"]),
        QuantityUnit(symbol: "years", dimension: .time, toBase: hoursPerYear, spellings: ["y", "year", "years"]),
        QuantityUnit(symbol: "kg/m2", dimension: .bodyMassIndex, toBase: 1, spellings: ["kg/m2", "kg/m²", "kg/m^2"]),
        QuantityUnit(symbol: "%", dimension: .fraction, toBase: 0.01, spellings: ["%"]),
    ]

    /// Units people write that hpgsim does not take, with what they measure, so that "1 mL" for a dose is
    /// told it is a volume rather than offered the nearest spelling ("mg").
    static let foreign: [String: String] = [
        "mL": "a volume", "ml": "a volume", "L": "a volume", "l": "a volume", "dL": "a volume", "µL": "a volume",
        "uL": "a volume", "cc": "a volume", "kg": "a mass hpgsim does not take (doses are in g, mg, µg or ng)",
        "mol": "an amount of substance", "mmol": "an amount of substance", "µmol": "an amount of substance",
        "nmol": "an amount of substance", "s": "a time in seconds (hpgsim takes min, h, d, weeks, months, years)",
        "sec": "a time in seconds (hpgsim takes min, h, d, weeks, months, years)",
    ]

    /// What `symbol` measures, for "is not a unit for …" messages.
    static func dimensionPhrase(of symbol: String) -> String? {
        all.first { $0.spellings.contains(symbol) }?.dimension.phrase ?? foreign[symbol]
    }

    /// The symbols of `dimensions`, for "allowed" lists in error messages.
    static func symbols(of dimensions: [Dimension]) -> [String] {
        all.filter { dimensions.contains($0.dimension) }.map(\.symbol)
    }
}

/// A number with its unit, as written, and its value in the base unit of its dimension.
public struct Quantity: Sendable, Equatable {
    public let value: Double
    public let unit: QuantityUnit
    public var baseValue: Double { value * unit.toBase }

    public init(_ value: Double, _ unit: QuantityUnit) {
        self.value = value
        self.unit = unit
    }

    /// Why a text is not a quantity of the expected dimension; each case says what would be allowed.
    public enum ParseFailure: Error, Equatable {
        case notANumber
        /// A number too large for a double (1e999), read as infinity.
        case notFinite(String)
        case missingUnit
        case unknownUnit(String)
        case wrongDimension(String)
    }

    /// Parses `"<number> <unit>"`; the space is optional (`0.5mg`).
    public static func parse(_ text: String, dimensions: [Dimension]) -> Result<Quantity, ParseFailure> {
        switch splitNumber(text) {
        case nil: return .failure(.notANumber)
        case let (value, _)? where !value.isFinite: return .failure(.notFinite(text))
        case let (value, unitText)?:
            if unitText.isEmpty { return .failure(.missingUnit) }
            guard let unit = QuantityUnit.all.first(where: { $0.spellings.contains(unitText) }) else {
                return .failure(QuantityUnit.foreign[unitText] != nil ? .wrongDimension(unitText) : .unknownUnit(unitText))
            }
            guard dimensions.contains(unit.dimension) else { return .failure(.wrongDimension(unitText)) }
            return .success(Quantity(value, unit))
        }
    }

    /// Splits a leading decimal number (with optional sign and exponent) from the rest of the text. The number
    /// may be infinite (1e999 overflows); callers refuse it with its own message.
    static func splitNumber(_ text: String) -> (Double, String)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var end = trimmed.startIndex
        var previous: Character = " "
        for character in trimmed {
            let isExponentSign = (character == "-" || character == "+") && (previous == "e" || previous == "E")
            let isLeadingSign = (character == "-" || character == "+") && end == trimmed.startIndex
            let isExponent = (character == "e" || character == "E") && previous.isNumber
            guard character.isASCII && character.isNumber || character == "." || isExponent
                    || isExponentSign || isLeadingSign else { break }
            previous = character
            end = trimmed.index(after: end)
        }
        guard let value = Double(trimmed[..<end]), !value.isNaN else { return nil }
        return (value, trimmed[end...].trimmingCharacters(in: .whitespaces))
    }
}
