import ArgumentParser
import HPG

struct ParametersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parameters",
        abstract: "Print the parameter table (name, value, unit, source) of the model and of every drug, and the published variability between men.")

    func run() throws { print(ModelDocument.parameterTable() + "\n" + PublishedVariability.table + "\n" + WithinSubjectVariability.table,
                         terminator: "") }
}
