/// Every drug hpgsim knows, by name. Add a drug: one file in `Drugs/` defining `Drug.<name>`, one line here.
public enum DrugRegistry {
    public static let all: [Drug] = [
        .anastrozole,
    ]

    public static func named(_ name: String) -> Drug? { all.first { $0.name == name } }
    public static var names: [String] { all.map(\.name) }
}
