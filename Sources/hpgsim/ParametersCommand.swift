import ArgumentParser
import HPG

struct ParametersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parameters",
        abstract: "Print the parameter table (name, value, unit, the values an override may give, source) of the model and of every drug, the published variability between men, and the within-subject variability of labs (a forecast's residual error).")

    func run() throws {
        print([ModelDocument.parameterTable(), PublishedVariability.table, WithinSubjectVariability.table].joined(separator: "\n"),
              terminator: "")
    }
}
