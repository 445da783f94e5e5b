import ArgumentParser
import Foundation
import HPG
import Scenario

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Print the model: states, equations, observables with units (or the whole model notebook).",
        discussion: "`hpgsim model --notebook --output notebooks-md/model.md` regenerates the model notebook.")

    @Flag(help: "Print the full notebook: equations, parameters, calibration, reversibility, dose–response, limits.")
    var notebook = false

    @Option(help: "Write to this file (atomically: a temporary file, then rename; a device or FIFO in place) instead of standard output.")
    var output: String?

    func run() throws {
        let text = notebook ? try ModelDocument.notebook() : ModelDocument.modelListing()
        guard let output else { print(text, terminator: ""); return }
        do {
            try AtomicFile.write(text, to: output)
        } catch {
            throw FileError(description: error.description)
        }
    }
}
