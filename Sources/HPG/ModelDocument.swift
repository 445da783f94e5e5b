import Foundation

/// Text about the model, all read from the declaration: `hpgsim parameters`, `hpgsim model`, and the
/// notebook notebooks-md/model.md (`hpgsim model --notebook`).
public enum ModelDocument {
    /// Markdown table of every physiological and drug parameter, with the values an override may give it.
    public static func parameterTable() -> String {
        var lines = ["| parameter | value | unit | allowed | source |", "|---|---|---|---|---|"]
        let specs = Parameter.allCases.map(\.spec) + DrugRegistry.all.flatMap(\.parameters)
        for s in specs { lines.append("| \(s.name) | \(format(s.value)) | \(s.unit) | \(s.allowed) | \(s.source) |") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// States with their equations, and observables with conventional and SI units.
    public static func modelListing() -> String {
        let model = HPGModel(drugs: DrugRegistry.all)
        var lines = ["## States (time in hours)", "", "| state | unit | description |", "|---|---|---|"]
        for s in model.states { lines.append("| \(s.name) | \(s.unit) | \(s.description) |") }
        lines += ["", "## Equations", "", "```"]
        var seen = Set<String>()
        for s in model.states where seen.insert(s.equation).inserted { lines.append(s.equation) }
        lines += ["```", "", "Drug terms, summed over every drug of a regimen (`DrugEffects`): aromatase inhibitors Σ C/Ki; "
            + "estrogen-receptor antagonists E2s = E2/(1 + Σ C/Ki); LH-receptor agonists L = LH + Σ k·C; "
            + "GnRH-receptor agonists Σ Emax·C^γ/(EC50^γ + C^γ); testosterone esters Σ KA·A_depot·f_T. "
            + "Drug PK: each drug's linear compartment structure (`PKLibrary`), doses entering its compartments "
            + "(bioavailability F applied by the dosing engine). "
            + "Observables: total motile count = cauda·Vmot; strict morphology = Mcap·(cauda/Cap)^β; "
            + "T/E2 = T (ng/dL) / E2 (pg/mL).", "",
            "Symbols: " + Parameter.allCases.map { "\($0.symbol) = `\($0.spec.name)`" }.joined(separator: "; ") + ".", "",
            "PK symbols (each drug's own value, `<drug>.<parameter>`): " + pkSymbols() + ".", "",
            "## Observables", "", "| column | unit | SI column | SI unit | × factor | description |", "|---|---|---|---|---|---|"]
        for o in model.observables {
            lines.append("| \(o.column) | \(o.unit) | \(o.siColumn) | \(o.siUnit) | \(format(o.siFactor)) | \(o.description) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "KA = `ka_per_h`; …; CLm = `endoxifen_CL_L_per_h` or `zuclomiphene_CL_L_per_h`" over every registered drug.
    static func pkSymbols() -> String {
        var names: [(symbol: String, parameters: [String])] = []
        for drug in DrugRegistry.all {
            for (symbol, spec) in zip(drug.pk.symbols, drug.pk.parameters) {
                if let k = names.firstIndex(where: { $0.symbol == symbol }) {
                    if !names[k].parameters.contains(spec.name) { names[k].parameters.append(spec.name) }
                } else {
                    names.append((symbol, [spec.name]))
                }
            }
        }
        return names.map { "\($0.symbol) = " + $0.parameters.map { "`\($0)`" }.joined(separator: " or ") }.joined(separator: "; ")
    }

    static func format(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e6 { return String(format: "%.0f", x) }
        return String(format: "%.4g", x)
    }
}
