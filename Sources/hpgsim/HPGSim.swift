import ArgumentParser

@main
struct HPGSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hpgsim",
        abstract: "Simulate the male hypothalamic–pituitary–gonadal axis under drugs.",
        discussion: """
            hpgsim integrates a physiological model of GnRH → LH/FSH → testosterone → estradiol with feedback,
            and the pharmacokinetics of anastrozole and other drugs, from scenario files (YAML).
            """,
        subcommands: [RunCommand.self, ValidateCommand.self, ParametersCommand.self, ModelCommand.self,
                      EventsCommand.self, BenchCommand.self])
}
