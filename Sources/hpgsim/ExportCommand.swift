import ArgumentParser
import Foundation
import HPG
import Scenario

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a scenario as an SBML model (the HPG model, the scenario's patient and his doses as events).",
        discussion: """
            SBML Level 3 Version 2 core, for libRoadRunner, COPASI, tellurium and other SBML tools. Each model \
            state is a parameter with a rate rule recorded from the rate laws hpgsim integrates, starting at the \
            patient's solved baseline; each observable is an assignment rule named obs_<CSV column>; each dose \
            time is an event adding the dose (× bioavailability for depot doses) to the drug's compartment; an \
            infusion switches a constant input into the compartment on and off. Time is in hours. Model \
            parameters enter the rate rules as numbers; they are also listed, with this patient's values, for \
            reference.

            Examples:
              hpgsim export --sbml scenarios/anastrozole-shah-2021.yaml -o shah.xml
              hpgsim export --sbml scenarios/anastrozole-shah-2021.yaml -o - | head

            Nothing is written when the scenario has a mistake or cannot be exported; the file is written to a \
            temporary file that is renamed over the target.
            """)

    @Flag(help: "Write SBML Level 3 Version 2 (the only format; required, so that other formats can be added).")
    var sbml = false

    @Argument(help: ArgumentHelp("The scenario file (.yaml).", valueName: "scenario"))
    var scenario: String

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Where to write: a file, a device or FIFO, or - for standard output. Default: <scenario-name>.xml.",
                               valueName: "path"))
    var output: String?

    func validate() throws {
        guard sbml else { throw ValidationError("give the format: --sbml (the only one hpgsim exports).") }
    }

    func run() throws {
        let loaded = try ScenarioFiles.load(try ScenarioFiles.expand([scenario]))
        guard loaded.count == 1, let scenario = loaded.first else {
            print("hpgsim: export takes one scenario file; \(self.scenario) names \(loaded.count).", to: &standardError)
            throw ExitCode.validationFailure
        }
        let text: String
        do {
            text = try SBMLDocument.text(for: scenario)
        } catch {
            print("hpgsim: nothing was written. " + error.problems.map(\.description).joined(separator: "\n"), to: &standardError)
            throw ExitCode.failure
        }
        let path = output ?? scenario.name + ".xml"
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            print("hpgsim: \(error.description). Nothing was written.", to: &standardError)
            throw ExitCode.failure
        }
        if path != "-" { print("hpgsim: wrote \(path) (SBML Level 3 Version 2).") }
    }
}
