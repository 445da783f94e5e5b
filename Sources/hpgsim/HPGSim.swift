import ArgumentParser

@main
struct HPGSim: ParsableCommand {
    /// Semantic version of the program, its scenario schema and its output formats.
    static let version = "0.9.0"
    static let configuration = CommandConfiguration(
        commandName: "hpgsim",
        abstract: "Simulate the male hypothalamic–pituitary–gonadal axis under drugs.",
        discussion: """
            hpgsim integrates a physiological model of GnRH → LH/FSH → testosterone → estradiol with feedback, \
            and the pharmacokinetics of anastrozole and other drugs, from scenario files (YAML).

            To start, simulate the calibration study and look at the table it prints and the CSV it writes:
              hpgsim run scenarios/anastrozole-shah-2021.yaml
            scenarios/README.md explains how to write your own scenario.
            """,
        version: HPGSim.version,
        subcommands: [RunCommand.self, PlotCommand.self, ValidateCommand.self, ParametersCommand.self, ModelCommand.self,
                      EventsCommand.self, BenchCommand.self, CalibrateCommand.self, ListCommand.self, PopulationCommand.self, MergeCommand.self,
                      ForecastCommand.self, RecommendCommand.self, ExportCommand.self])
}
