import ArgumentParser

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "(being built)")
    func run() throws { throw ValidationError("'hpgsim validate' is not built yet") }
}
