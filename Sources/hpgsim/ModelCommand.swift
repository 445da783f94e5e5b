import ArgumentParser
import Foundation
import HPG

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Print the model: states, equations, observables with units (or the whole model notebook).",
        discussion: "`hpgsim model --notebook --output notebooks-md/model.md` regenerates the model notebook.")

    @Flag(help: "Print the full notebook: equations, parameters, calibration, reversibility, dose–response, limits.")
    var notebook = false

    @Option(help: "Write to this file (atomically: a temporary file, then rename) instead of standard output.")
    var output: String?

    func run() throws {
        let text = notebook ? try ModelDocument.notebook() : ModelDocument.modelListing()
        guard let output else { print(text, terminator: ""); return }
        let url = URL(fileURLWithPath: output)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        do {
            try text.write(to: temporary, atomically: false, encoding: .utf8)
        } catch {
            throw ValidationError("cannot write \(temporary.path): \(error.localizedDescription)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw ValidationError("cannot move \(temporary.path) to \(output): \(String(cString: strerror(errno)))")
        }
    }
}
