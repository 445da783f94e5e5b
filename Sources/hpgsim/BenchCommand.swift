import ArgumentParser
import ODE
import ODEProblems

/// `hpgsim bench`: measurements of the ODE solvers on the standard test problems.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the ODE solvers on the standard test problems.",
        subcommands: [BenchSolversCommand.self, BenchProblemsCommand.self])
}

/// `hpgsim bench solvers`: the work–precision sweep.
struct BenchSolversCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solvers",
        abstract: "Work–precision sweep: every test problem × method × tolerance.",
        discussion: """
            Solves each selected test problem with each selected method at each relative tolerance and reports \
            the work (steps, right-hand-side and Jacobian evaluations, LU factorisations), the accuracy (largest \
            relative error over the components at the end point, against the published reference solution) and \
            the time (the best of several solves in this process).

            Stiff methods run on every problem; explicit methods run on the non-stiff problems only, unless \
            named with --method. The absolute tolerance follows the problem's convention, which is stated for \
            rtol = 1e-6, and scales with rtol: atol = atol(problem) · rtol / 1e-6, so that the size below which \
            a component is controlled absolutely (atol / rtol) is the same at every tolerance.

            Times are only meaningful from a release build: swift build -c release, then \
            .build/release/hpgsim bench solvers. The peer comparison against CVODE and scipy is \
            Benchmarks/peers/compare.py.
            """)

    @Option(name: .customLong("problem"), help: "Test problem(s) to run (default: all). See 'hpgsim bench problems'.")
    var problems: [String] = []

    @Option(name: .customLong("method"), help: "Method(s) to run (default: all).")
    var methods: [String] = []

    @Option(name: .customLong("rtol"), parsing: .upToNextOption,
            help: "Relative tolerance(s), e.g. --rtol 1e-4 1e-6.")
    var relativeTolerances: [Double] = [1e-4, 1e-6, 1e-8]

    @Option(name: .customLong("repeats"),
            help: "Fewest timed solves per case; more are made until 0.1 s of solving has accumulated.")
    var repeats = 5

    @Flag(name: .customLong("json"), help: "One JSON object per line instead of a table.")
    var json = false

    @Option(help: ArgumentHelp("""
        Also draw the work–precision figure (error against time, log–log, one panel per problem) into this \
        .svg file (- for standard output, then the table is not printed).
        """, valueName: "file.svg"))
    var plot: String?

    func validate() throws {
        if let plot, plot != "-", !plot.hasSuffix(".svg"), !RunCommand.isStream(plot) {
            throw ValidationError("--plot \(plot) is not allowed; give a .svg file name or - for standard output.")
        }
        for rtol in relativeTolerances where !(rtol > 0 && rtol < 1) {
            throw ValidationError("--rtol \(rtol) is not allowed: a relative tolerance must lie in (0, 1)")
        }
        if repeats < 1 { throw ValidationError("--repeats \(repeats) is not allowed: at least 1 solve is needed") }
        _ = try selectedProblems()
        _ = try selectedMethods()
    }

    func run() throws {
        let cases = BenchCase.sweep(
            problems: try selectedProblems(), methods: try selectedMethods(),
            methodsNamed: !methods.isEmpty, relativeTolerances: relativeTolerances)
        let timing = BenchTiming(minimumRepeats: repeats, minimumSeconds: 0.1)
        var results: [BenchResult] = []
        for benchCase in cases {
            let result = benchCase.run(timing)
            results.append(result)
            if json && plot != "-" { print(result.jsonLine) }
        }
        if !json && plot != "-" {
            var table = BenchTable()
            for result in results { table.append(result) }
            print(table.rendered)
        }
        if let plot { try FigureOutput.write(BenchPlot.figure(results).svg, to: plot) }
    }

    private func selectedProblems() throws -> [TestProblem] {
        try problems.isEmpty ? TestProblem.all : problems.map { name in
            guard let problem = TestProblem.named(name) else {
                throw ValidationError(
                    "--problem '\(name)' is unknown; the test problems are: "
                        + TestProblem.all.map(\.name).joined(separator: ", "))
            }
            return problem
        }
    }

    private func selectedMethods() throws -> [Method] {
        try methods.isEmpty ? Method.all : methods.map { name in
            guard let method = Method.named(name) else {
                throw ValidationError(
                    "--method '\(name)' is unknown; the methods are: " + Method.all.map(\.name).joined(separator: ", "))
            }
            return method
        }
    }
}

/// `hpgsim bench problems`: the test problems' definitions, for the peer comparators.
struct BenchProblemsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "problems",
        abstract: "List the test problems: dimension, time span, initial state, reference solution, tolerance.",
        discussion: """
            With --json, one object per line; Benchmarks/peers/compare.py reads it to check that the CVODE and \
            scipy comparators integrate the same initial values over the same span, and to score them against \
            the same references.
            """)

    @Flag(name: .customLong("json"), help: "One JSON object per line instead of a table.")
    var json = false

    func run() {
        if json {
            for problem in TestProblem.all { print(problem.jsonLine) }
        } else {
            print(BenchTable.problems(TestProblem.all))
        }
    }
}
