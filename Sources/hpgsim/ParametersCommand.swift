import ArgumentParser

struct ParametersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parameters", abstract: "(being built)")
    func run() throws { throw ValidationError("'hpgsim parameters' is not built yet") }
}
