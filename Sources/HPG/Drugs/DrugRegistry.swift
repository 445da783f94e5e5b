/// Every drug hpgsim knows, by name. Add a drug: one file in `Drugs/` defining `Drug.<name>`, one line here.
public enum DrugRegistry {
    public static let all: [Drug] = [
        .anastrozole,
        .letrozole, .clomiphene, .tamoxifen, .hcg, .gonadorelin, .testosteroneCypionate, .testosteroneEnanthate,
        .testosteroneGel, .estradiolPatch, .acyline, .leuprolide,
    ]

    public static func named(_ name: String) -> Drug? { all.first { $0.name == name } }
    public static var names: [String] { all.map(\.name) }

    /// The distinct drugs of these names, in order of first appearance.
    public static func drugs(named names: [String]) throws(HPGError) -> [Drug] {
        var drugs: [Drug] = []
        for name in names where !drugs.contains(where: { $0.name == name }) {
            guard let drug = named(name) else { throw .unknownDrug(name) }
            drugs.append(drug)
        }
        return drugs
    }
}
