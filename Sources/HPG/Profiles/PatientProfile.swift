/// A patient condition as parameter changes from the reference man, each with its source or stated as an
/// assumption. One file per profile in `Profiles/`, listed in `ProfileRegistry.all`.
public struct PatientProfile: Sendable {
    public var name: String
    public var description: String
    /// Parameter name → value.
    public var overrides: [String: Double]
    /// Why each override has its value.
    public var sources: [String: String]

    public init(name: String, description: String, overrides: [String: Double] = [:], sources: [String: String] = [:]) {
        self.name = name
        self.description = description
        self.overrides = overrides
        self.sources = sources
    }
}

public enum ProfileRegistry {
    public static let all: [PatientProfile] = [
        .normalWeight,
        .overweight,
        .obese,
        .primaryHypogonadism, .klinefelter, .secondaryHypogonadism, .gnrhDeficiency, .hyperprolactinemia, .hypothyroidism,
        .insulinResistance,
    ]

    public static func named(_ name: String) -> PatientProfile? { all.first { $0.name == name } }
    public static var names: [String] { all.map(\.name) }
}
