import ArgumentParser
import Dosing
import Foundation
import HPG
import ODE
import Scenario

/// `hpgsim events DATA.csv --model NAME [--param NAME=VALUE]… [-o OUT.csv]`: simulates a NONMEM-format
/// data set with a model of the PK library and writes one row per input row, in input order.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Simulate a NONMEM-format data set (EVID, AMT, CMT, RATE, II, ADDL, SS) with a PK model.",
        discussion: """
            Reads DATA.csv (header row; '.' or an empty field is missing), simulates each individual (a run of \
            records with the same ID) and writes the input columns followed by the model outputs (CP = \
            A(central)/S, S defaulting to the central volume) and the compartment amounts A1, A2, …; on dose \
            rows, the values just after the dose. Columns named like model parameters (CL, V, KA, F1, ALAG1, R1, \
            D1, S2, …) set them per record; the record at time t governs the interval that ends at t, as in \
            NONMEM. Models: \(PKLibrary.names.joined(separator: ", ")).

            The HPG model: --model hpg:DRUG[,DRUG…] (e.g. hpg:anastrozole or hpg:testosterone_cypionate,hCG) \
            simulates a man of --profile (default normal-weight; `hpgsim list profiles`) from his drug-free \
            steady state; CMT numbers each drug's compartments in the order given (1 = the first drug's depot; \
            `hpgsim list drugs`), AMT is in the drug's dose unit (mg, µg or IU), and the outputs are every \
            observable of the model (testosterone, estradiol, LH, …, conventional units). --param sets a model \
            parameter (`hpgsim parameters`) before the steady state is solved.

            Bad data: every problem is listed with its line, the exit status is 1 and no output is written.
            """)

    @Argument(help: "The data set (CSV with a header row).")
    var data: String

    @Option(help: "Model: \(PKLibrary.names.joined(separator: " | ")) | hpg:DRUG[,DRUG…].")
    var model: String

    @Option(help: "With --model hpg:…, the man's profile (`hpgsim list profiles`).")
    var profile: String = "normal-weight"

    @Option(name: .customLong("param"), help: ArgumentHelp("Parameter value for all records unless a column gives it.", valueName: "NAME=VALUE"))
    var parameters: [String] = []

    @Option(name: .shortAndLong, help: "Output CSV (written atomically; a device or FIFO in place; - is standard output); standard output when absent.")
    var output: String?

    @Option(help: "Integration method (\(Method.all.map(\.name).joined(separator: ", "))); vern7, a 7th-order pair, takes the fewest steps at the default tight tolerance.")
    var method: String = "vern7"

    @Option(help: "Relative tolerance of the solver.")
    var rtol: Double = 1e-8

    @Option(help: "Absolute tolerance of the solver (amount units).")
    var atol: Double = 1e-10

    @Option(help: ArgumentHelp("""
        Solver steps allowed per individual before giving up, besides \(DosingEngine.stepsPerDose) more \
        per dose in the span (so long pulsatile regimens need no setting).
        """, valueName: "n"))
    var maxSteps: Int = SolverOptions().maxSteps

    @Option(help: "Threads reading, simulating and writing (the output is the same bytes whatever the number).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        guard let solver = Method.named(method) else {
            throw ValidationError("unknown method '\(method)'; available: \(Method.all.map(\.name).joined(separator: ", "))")
        }
        guard rtol > 0, atol > 0, rtol.isFinite, atol.isFinite else {
            throw ValidationError("--rtol and --atol must be finite numbers more than zero")
        }
        guard maxSteps > 0 else { throw ValidationError("--max-steps must be a whole number more than zero") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        var (pkModel, values) = try dosingModel(method: solver)
        pkModel.method = solver
        pkModel.solverOptions = SolverOptions(relativeTolerance: rtol, absoluteTolerance: atol, maxSteps: maxSteps)

        let contents: [UInt8]
        do {
            contents = try InputFile.read(data, limit: DataSet.maximumFileBytes)
        } catch {
            throw FileError(description: "cannot read the data set \(data): \(error.description)")
        }
        let (dataSet, parseProblems) = DataSet.parse(contents, file: data, model: pkModel, threads: threads)
        guard let dataSet else { fail(parseProblems) }
        let (results, problems) = dataSet.simulate(with: DosingEngine(model: pkModel), parameters: values,
                                                   file: data, parseProblems: parseProblems, threads: threads)
        if !problems.isEmpty { fail(problems) }

        let added: [String] = pkModel.outputs.names + (1...pkModel.stateDimension).map { "A\($0)" }
        let out = dataSet.outputTable(results: results, addedColumns: added, threads: threads,
                                      numberCapacity: numberTextCapacity, format: { writeNumber($0, to: $1) })
        try write(out)
    }

    /// The model `--model` names with the `--param` values its records start from: a PK-library model, or the HPG
    /// model with the named drugs, whose parameters become the man's (so his steady state is solved with them).
    private func dosingModel(method: Method) throws -> (DosingModel, [String: Double]) {
        if model.hasPrefix("hpg:") {
            let names = model.dropFirst(4).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            do {
                let hpg = HPGModel(drugs: try DrugRegistry.drugs(named: names))
                var generic = hpg.dosingModel(baseline: [], method: method)
                let overrides = try parseParameters(for: generic)
                let (baseline, parameters) = try Patient(profile: profile, overrides: overrides).baseline(hpg)
                generic = hpg.dosingModel(baseline: baseline, method: method)
                var values: [String: Double] = [:]
                for (k, spec) in hpg.parameters.enumerated() where parameters[k] != spec.value { values[spec.name] = parameters[k] }
                return (generic, values)
            } catch let error as HPGError {
                throw ValidationError("--model \(model): \(error)")
            }
        }
        guard let pkModel = PKLibrary.model(named: model) else {
            throw ValidationError("unknown model '\(model)'; available: \(PKLibrary.names.joined(separator: ", ")), hpg:DRUG[,DRUG…]")
        }
        return (pkModel, try parseParameters(for: pkModel))
    }

    /// `--param NAME=VALUE` pairs; names are matched to the model's parameters ignoring case.
    private func parseParameters(for model: DosingModel) throws -> [String: Double] {
        var values: [String: Double] = [:]
        for pair in parameters {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let value = Double(parts[1]) else {
                throw ValidationError("--param \(pair): expected NAME=VALUE with a number, e.g. --param CL=1.3")
            }
            guard value.isFinite else {
                throw ValidationError("--param \(pair): \(parts[1]) is not a finite number (doubles reach about 1.8e308)")
            }
            guard let name = model.parameterNames.first(where: { $0.uppercased() == parts[0].uppercased() }) else {
                throw ValidationError("--param \(pair): model \(model.name) has no parameter \(parts[0]); its parameters are \(model.parameterNames.joined(separator: ", "))")
            }
            if model.positiveParameters.contains(name) && !(value > 0) {
                throw ValidationError("--param \(pair): \(name) must be more than zero (a clearance, volume, rate constant or scale)")
            }
            values[name] = value
        }
        return values
    }

    /// Writes to standard output, or to `-o` by `AtomicFile` (never a partial file, never over a device).
    private func write(_ parts: some Sequence<[UInt8]>) throws {
        do {
            try AtomicFile.write(parts: parts, to: output ?? "-")
        } catch {
            throw FileError(description: error.description)
        }
    }

    /// Prints every problem to standard error and exits with status 1, writing nothing.
    private func fail(_ problems: [DataSet.Problem]) -> Never {
        // A last line past the end of any file says how many more were counted but not kept.
        let count = problems.last?.line == Int.max ? "more than \(DataSet.maximumProblems) problems"
            : "\(problems.count) problem\(problems.count == 1 ? "" : "s")"
        let text = "error: \(count) in the data set; nothing was written.\n"
            + problems.map { "  " + $0.message }.joined(separator: "\n") + "\n"
        print(text, terminator: "", to: &standardError)
        Foundation.exit(1)
    }
}

/// A file that cannot be read or written (reported without the usage text; exit status 1).
struct FileError: Error, CustomStringConvertible {
    var description: String
}
