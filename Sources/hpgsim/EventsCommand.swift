import ArgumentParser

struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "events", abstract: "(being built)")
    func run() throws { throw ValidationError("'hpgsim events' is not built yet") }
}
