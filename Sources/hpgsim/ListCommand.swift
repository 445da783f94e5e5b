import ArgumentParser
import HPG
import Scenario

/// `hpgsim list WHAT`: the names a scenario may use, from the model's own declarations (issue 12).
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the drugs, profiles, observables, routes or parameters a scenario may name.",
        discussion: "Every name printed is one a scenario file accepts; scenarios/README.md explains where each goes.")

    enum What: String, ExpressibleByArgument, CaseIterable {
        case drugs, profiles, observables, routes, parameters
    }

    @Argument(help: ArgumentHelp("What to list: \(What.allCases.map(\.rawValue).joined(separator: ", ")).",
                                 valueName: "what"))
    var what: What

    func run() throws {
        let model = HPGModel(drugs: DrugRegistry.all)
        var table: TextTable
        switch what {
        case .drugs:
            table = TextTable(header: ["drug", "dose unit", "routes"])
            for drug in DrugRegistry.all {
                table.append([drug.name, drug.doseUnit.rawValue, drug.routes.map(\.rawValue).joined(separator: ", ")])
            }
        case .profiles:
            table = TextTable(header: ["profile", "what it is"])
            for profile in ProfileRegistry.all { table.append([profile.name, profile.description]) }
        case .observables:
            table = TextTable(header: ["observable", "conventional unit", "SI unit", "what it is"])
            for spec in model.observables { table.append([spec.name, spec.unit, spec.siUnit, spec.description]) }
        case .routes:
            table = TextTable(header: ["route", "drugs that have it"])
            for route in Route.allCases {
                table.append([route.rawValue, DrugRegistry.all.filter { $0.routes.contains(route) }.map(\.name)
                    .joined(separator: ", ")])
            }
        case .parameters:
            table = TextTable(header: ["parameter", "unit"])
            for spec in model.parameters { table.append([spec.name, spec.unit]) }
        }
        print(table.render(indent: ""))
    }
}
