import ArgumentParser

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "model", abstract: "(being built)")
    func run() throws { throw ValidationError("'hpgsim model' is not built yet") }
}
