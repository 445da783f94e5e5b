import Foundation
import Testing

/// The built `hpgsim` run as a user runs it (issue 13): exit status, what reaches standard error, and
/// what is left on disk.
struct CommandLineTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let scenario = repository.appendingPathComponent("scenarios/anastrozole-1mg-daily.yaml").path

    /// The executable next to the test bundle (SwiftPM builds it for this target).
    static var executable: URL {
        Bundle.main.bundleURL.appendingPathComponent("hpgsim")
    }

    struct Outcome {
        var status: Int32
        var signaled: Bool
        var standardError: String
    }

    /// Runs hpgsim with `arguments`; standard output goes to `output` (a path) or is discarded.
    func run(_ arguments: [String], output: String = "/dev/null", input: String? = nil,
             in directory: String? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardOutput = FileHandle(forWritingAtPath: output)
        if let input { process.standardInput = FileHandle(forReadingAtPath: input) }
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let text = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                       standardError: String(decoding: text, as: UTF8.self))
    }

    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "hpgsim-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A full standard output is an error with its reason and status 1 for every command, never a trap.
    @Test(arguments: [["parameters"], ["model"], ["run", scenario, "-o", "-"],
                      ["validate", "--json", repository.appendingPathComponent("scenarios/anastrozole-shah-2021.yaml").path]])
    func fullStandardOutputIsAnError(_ arguments: [String]) throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }   // Linux
        let outcome = try run(arguments, output: "/dev/full")
        #expect(!outcome.signaled)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("cannot write standard output: \(String(cString: strerror(ENOSPC)))"))
    }

    /// `events` into a full standard output: the same, with nothing else written.
    @Test func eventsIntoFullStandardOutput() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let directory = try temporaryDirectory()
        try "ID,TIME,EVID,AMT,CMT\n1,0,1,100,1\n1,2,0,.,2\n".write(toFile: directory + "/d.csv", atomically: false, encoding: .utf8)
        let outcome = try run(["events", "d.csv", "--model", "pk1cmt", "--param", "CL=1", "--param", "V=10"],
                              output: "/dev/full", in: directory)
        #expect(!outcome.signaled && outcome.status == 1)
        #expect(outcome.standardError.contains("cannot write standard output"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["d.csv"])
    }

    /// `-o /dev/null` writes through the device: status 0 and /dev/null is still the same character device.
    @Test func outputOntoDevNullKeepsTheDevice() throws {
        var before = stat(), after = stat()
        #expect(stat("/dev/null", &before) == 0)
        let outcome = try run(["run", Self.scenario, "-o", "/dev/null"])
        #expect(outcome.status == 0)
        #expect(lstat("/dev/null", &after) == 0)
        #expect(after.st_mode & S_IFMT == S_IFCHR && after.st_ino == before.st_ino)
    }

    /// `run --atol` outside 1e-15…1e-3 is refused with the allowed range and nothing written; inside it, the run
    /// summary reports the absolute tolerance used.
    @Test func absoluteToleranceOption() throws {
        let directory = try temporaryDirectory()
        let bad = try run(["run", Self.scenario, "--atol", "0.1", "-o", "x.csv"], in: directory)
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("--atol 0.1 is not allowed; use 1e-15 to 0.001"), "\(bad.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
        FileManager.default.createFile(atPath: directory + "/summary.txt", contents: nil)
        let good = try run(["run", Self.scenario, "--atol", "1e-8", "-o", directory + "/x.csv"], output: directory + "/summary.txt")
        #expect(good.status == 0, "\(good.standardError)")
        let summary = try String(contentsOfFile: directory + "/summary.txt", encoding: .utf8)
        #expect(summary.contains("rtol 1e-07, atol 1e-08"), "\(summary)")
    }

    /// A folder without scenarios is an error for run and validate, not a silent success.
    @Test(arguments: ["run", "validate"]) func emptyFolderIsAnError(_ command: String) throws {
        let directory = try temporaryDirectory()
        let outcome = try run([command, directory])
        #expect(outcome.status != 0)
        #expect(outcome.standardError.contains("no scenario files"))
    }

    /// A folder's subfolders with scenarios are named when they are not read (issue 12: `run scenarios/`
    /// skipped them silently), and not when they are given too.
    @Test func skippedSubfoldersAreNamed() throws {
        let directory = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/more", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.scenario, toPath: directory + "/a.yaml")
        try FileManager.default.copyItem(atPath: Self.scenario, toPath: directory + "/more/b.yaml")
        let alone = try run(["run", ".", "-o", "out"], in: directory)
        #expect(alone.status == 0, "\(alone.standardError)")
        #expect(alone.standardError.contains("subfolders are not read: ./more"), "\(alone.standardError)")
        let both = try run(["run", ".", "more", "-o", "out"], in: directory)
        #expect(both.status == 0, "\(both.standardError)")
        #expect(!both.standardError.contains("subfolders"), "\(both.standardError)")
    }

    /// `hpgsim list` prints the names a scenario accepts (issue 12): the routes table pairs each route with the
    /// drugs declaring it, so oral hCG, which the scenario reader refuses, is not offered; a wrong word is refused.
    @Test func listPrintsTheNamesAScenarioAccepts() throws {
        let directory = try temporaryDirectory()
        FileManager.default.createFile(atPath: directory + "/routes.txt", contents: nil)
        let outcome = try run(["list", "routes"], output: directory + "/routes.txt")
        #expect(outcome.status == 0)
        let lines = try String(contentsOfFile: directory + "/routes.txt", encoding: .utf8).split(separator: "\n")
        let oral = lines.first { $0.hasPrefix("oral") }, im = lines.first { $0.hasPrefix("im ") }
        #expect(oral?.contains("anastrozole") == true && oral?.contains("hcg") == false)
        #expect(im?.contains("hcg") == true)
        for what in ["drugs", "profiles", "observables", "parameters"] {
            #expect(try run(["list", what]).status == 0, "\(what)")
        }
        #expect(try run(["list", "hormones"]).status != 0)
    }

    /// The summary marks baseline labs the scenario did not give (issue 12: they were filled in silently):
    /// SHBG and the semen labs of this scenario are the model's, its T, E2, LH and FSH are the man's.
    @Test func summaryMarksInferredLabs() throws {
        let directory = try temporaryDirectory()
        FileManager.default.createFile(atPath: directory + "/summary.txt", contents: nil)
        let outcome = try run(["run", Self.scenario, "-o", directory + "/x.csv"], output: directory + "/summary.txt")
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let summary = try String(contentsOfFile: directory + "/summary.txt", encoding: .utf8)
        let note = summary.split(separator: "\n").first { $0.contains("not given as a baseline lab") }
        #expect(note?.contains("SHBG") == true, "\(summary)")
        #expect(note?.contains("testosterone") == false && note?.contains("LH") == false, "\(summary)")
        let shbg = summary.split(separator: "\n").first { $0.hasPrefix("  SHBG") }
        #expect(shbg?.contains(" *") == true)
    }

    /// An inferred lab outside healthy men's 95 % reference interval (Qin 2015: LH 2.2–11.6 IU/L) is noted when
    /// the scenario gives labs: T11's man, given only T, is at the LH secretion ceiling; the calibration scenario,
    /// which gives T, E2, LH and FSH, gets no note.
    @Test func summaryNotesAnInferredLabOutsideTheReferenceInterval() throws {
        let directory = try temporaryDirectory()
        func summary(_ file: String) throws -> String {
            FileManager.default.createFile(atPath: directory + "/summary.txt", contents: nil)
            let outcome = try run(["run", file, "-o", directory + "/x.csv"], output: directory + "/summary.txt")
            #expect(outcome.status == 0, "\(outcome.standardError)")
            return try String(contentsOfFile: directory + "/summary.txt", encoding: .utf8)
        }
        let t11 = try summary(Self.repository.appendingPathComponent("scenarios/studies/t11-hcg-2000IU-weekly.yaml").path)
        let note = t11.split(separator: "\n").first { $0.hasPrefix("  note:") }
        #expect(note?.contains("LH 2.2–11.6 IU/L") == true && note?.contains("Qin") == true, "\(t11)")
        #expect(try summary(Self.scenario).contains("  note:") == false)
    }

    /// A scenario on standard input runs (the name "stdin"), and writes its table.
    @Test func scenarioFromStandardInput() throws {
        let directory = try temporaryDirectory()
        let outcome = try run(["run", "/dev/stdin"], input: Self.scenario, in: directory)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["stdin.csv"])
    }

    /// `validate` refuses what `run` refuses (a baseline no man can have: LH 200 IU/L is beyond the
    /// gonadotropin secretion ceiling, LH ≤ Cmax × the reference man's 4.5 IU/L = 45 IU/L), so it never says
    /// "no mistakes" for a file run rejects; both name the file's line.
    @Test func validateRefusesWhatRunRefuses() throws {
        let directory = try temporaryDirectory()
        let text = """
            title: impossible baseline
            patient:
              profile: obese
              baseline:
                LH: 200 IU/L
            regimens:
              - drug: anastrozole
                dose: 1 mg
            simulation:
              duration: 2 weeks
            """
        try text.write(toFile: directory + "/x.yaml", atomically: false, encoding: .utf8)
        for command in ["run", "validate"] {
            let outcome = try run([command, "x.yaml"], in: directory)
            #expect(outcome.status == 1, "\(command)")
            #expect(outcome.standardError.contains("x.yaml:5:"), "\(command): \(outcome.standardError)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["x.yaml"])
    }

    /// A monitored scenario writes its decisions beside its table and names them in the summary; a mistake in
    /// the monitoring block (a rule on a lab not drawn) is refused by run and validate alike, with its line,
    /// and nothing is written.
    @Test func monitoringWritesDecisionsOrNothing() throws {
        let directory = try temporaryDirectory()
        let text = """
            patient: {profile: obese}
            regimens:
              - {drug: anastrozole, dose: 1 mg, every: 1 d}
            simulation: {duration: 4 weeks}
            monitoring:
              labs: [estradiol]
              at: [2 weeks]
              rules:
                - {if: estradiol > 1 pg/mL, then: {dose: 0.5 mg}}
            """
        try text.write(toFile: directory + "/m.yaml", atomically: false, encoding: .utf8)
        FileManager.default.createFile(atPath: directory + "/summary.txt", contents: nil)
        let outcome = try run(["run", "m.yaml", "-o", "out/"], output: directory + "/summary.txt", in: directory)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/out").sorted() == ["m.csv", "m.decisions.csv"])
        let summary = try String(contentsOfFile: directory + "/summary.txt", encoding: .utf8)
        #expect(summary.contains("1 changed the regimen; wrote out/m.decisions.csv"), "\(summary)")
        let bad = text.replacingOccurrences(of: "if: estradiol", with: "if: LH")
        try bad.write(toFile: directory + "/bad.yaml", atomically: false, encoding: .utf8)
        for command in ["run", "validate"] {
            let outcome = try run([command, "bad.yaml", "-o", "bad/"].prefix(command == "run" ? 4 : 2).map { $0 }, in: directory)
            #expect(outcome.status == 1, "\(command)")
            #expect(outcome.standardError.contains("bad.yaml:9:") && outcome.standardError.contains("not drawn"),
                    "\(command): \(outcome.standardError)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/bad"))
    }

    /// Nonsense parameters on the command line are refused before anything is written.
    @Test(arguments: ["CL=-1", "V=0", "CL=1e999"]) func nonsenseParameterIsRefused(_ parameter: String) throws {
        let directory = try temporaryDirectory()
        try "ID,TIME,EVID,AMT,CMT\n1,0,1,100,1\n".write(toFile: directory + "/d.csv", atomically: false, encoding: .utf8)
        let outcome = try run(["events", "d.csv", "--model", "pk1cmt", "--param", "CL=1", "--param", "V=10",
                               "--param", parameter, "-o", "out.csv"], in: directory)
        #expect(outcome.status != 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["d.csv"])
    }

    /// `forecast`: a mistake in the labs file is named with its line, a scenario without a population block is
    /// told what it lacks, and nothing is written either way.
    @Test func forecastRefusesBadInputAndWritesNothing() throws {
        let directory = try temporaryDirectory()
        let forecast = Self.repository.appendingPathComponent("scenarios/forecast/anastrozole-1mg-twice-weekly.yaml").path
        try "time_d,observable,value,unit\n0,T,300,ng/dL\n42,E2,15,ng/dL\n".write(toFile: directory + "/labs.csv",
                                                                                  atomically: false, encoding: .utf8)
        let badUnit = try run(["forecast", forecast, "--labs", "labs.csv"], in: directory)
        #expect(badUnit.status == 1)
        #expect(badUnit.standardError.contains("labs.csv:3:1: unit: \"ng/dL\" — is not a unit of estradiol"), "\(badUnit.standardError)")
        let noPopulation = try run(["forecast", Self.scenario, "--labs", "labs.csv"], in: directory)
        #expect(noPopulation.status == 1)
        #expect(noPopulation.standardError.contains("needs a `population` block"), "\(noPopulation.standardError)")
        try "time_d,observable,value,unit\n0,T,300,ng/dL\n".write(toFile: directory + "/labs.csv", atomically: false, encoding: .utf8)
        let badQuestion = try run(["forecast", forecast, "--labs", "labs.csv", "--when", "estradiol 15"], in: directory)
        #expect(badQuestion.status != 0)
        #expect(badQuestion.standardError.contains("has no comparison"), "\(badQuestion.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["labs.csv"])
    }

    /// `--version` prints the version and exits 0; the shell completion script names the commands.
    @Test func versionAndCompletions() throws {
        let directory = try temporaryDirectory()
        for name in ["v.txt", "c.sh"] { FileManager.default.createFile(atPath: directory + "/" + name, contents: nil) }
        let version = try run(["--version"], output: directory + "/v.txt")
        #expect(version.status == 0)
        let text = try String(contentsOfFile: directory + "/v.txt", encoding: .utf8)
        #expect(text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3, "\(text)")
        let completion = try run(["--generate-completion-script", "bash"], output: directory + "/c.sh")
        #expect(completion.status == 0)
        let script = try String(contentsOfFile: directory + "/c.sh", encoding: .utf8)
        for command in ["run", "validate", "population", "forecast", "recommend"] { #expect(script.contains(command)) }
    }

    /// `events` writes numbers as `run` does (seven significant digits, C's %.7g), and skips comment rows.
    @Test func eventsFormatsNumbersAsRunDoes() throws {
        let directory = try temporaryDirectory()
        try "ID,TIME,EVID,AMT,CMT\n# a comment row\n1,0,1,100,1\n1,3,0,.,2\n".write(toFile: directory + "/d.csv", atomically: false, encoding: .utf8)
        let outcome = try run(["events", "d.csv", "--model", "pk1cmt-depot", "--param", "CL=2", "--param", "V=10",
                               "--param", "KA=1", "-o", "out.csv"], in: directory)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let lines = try String(contentsOfFile: directory + "/out.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        // Central amount at 3 h after 100 into the depot: 100·ka/(ka − k)·(e^(−k t) − e^(−ka t)), k = CL/V = 0.2.
        let exact = 100 * 1 / (1 - 0.2) * (exp(-0.2 * 3) - exp(-3.0))
        let cells = lines[2].split(separator: ",").map(String.init)
        #expect(cells.contains(String(format: "%.7g", exact)), "\(lines[2])")
        #expect(cells.dropFirst(5).allSatisfy { $0.filter(\.isNumber).count <= 7 + 2 })
    }

    /// `events --model hpg:anastrozole` drives the HPG model from a data set: a 1 mg dose at time 0 gives the
    /// estradiol and testosterone that `run` gives for the same man and dose (two interfaces, one semantics), to
    /// the solvers' tolerance.
    @Test func eventsDrivesTheHPGModelAsRunDoes() throws {
        let directory = try temporaryDirectory()
        try "ID,TIME,EVID,AMT,CMT\n1,0,1,1,1\n1,24,0,.,.\n1,168,0,.,.\n".write(toFile: directory + "/d.csv", atomically: false, encoding: .utf8)
        try """
            title: one dose
            patient:
              profile: normal-weight
            regimens:
              - drug: anastrozole
                dose: 1 mg
                route: oral
                every: 7 d
                duration: 7 d
            simulation:
              duration: 7 d
              output_every: 1 d
              rtol: 1e-9
            """.write(toFile: directory + "/s.yaml", atomically: false, encoding: .utf8)
        let events = try run(["events", "d.csv", "--model", "hpg:anastrozole", "-o", "e.csv"], in: directory)
        #expect(events.status == 0, "\(events.standardError)")
        let simulated = try run(["run", "s.yaml", "-o", "r.csv"], in: directory)
        #expect(simulated.status == 0, "\(simulated.standardError)")
        func table(_ name: String) throws -> [[String: Double]] {
            let rows = try String(contentsOfFile: directory + "/" + name, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(rows[0], $0.map { Double($0) ?? .nan })) }
        }
        let e = try table("e.csv"), r = try table("r.csv")
        for (row, day) in [(1, 1.0), (2, 7.0)] {
            let reference = r.first { $0["time_days"] == day }!
            for (column, output) in [("estradiol_pg_per_mL", "estradiol"), ("testosterone_ng_per_dL", "testosterone")] {
                let value = try #require(e[row][output]), expected = try #require(reference[column])
                #expect(abs(value / expected - 1) < 1e-5, "\(output) day \(day): \(value) vs \(expected)")
            }
        }
    }

    /// The newcomer's question (issue 12), "his T/E2 at 3 months, and does his E2 drop below 15?", is one
    /// command; with --json the answer is JSON whose T/E2 at the time asked equals the table's value there.
    @Test func newcomersQuestionIsOneCommand() throws {
        let directory = try temporaryDirectory()
        FileManager.default.createFile(atPath: directory + "/report.json", contents: nil)
        let outcome = try run(["run", Self.scenario, "--at", "3 months", "--when", "E2 < 15 pg/mL", "--json", "-o", "t.csv"],
                              output: directory + "/report.json", in: directory)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("values at the times asked for"))
        let data = try #require(FileManager.default.contents(atPath: directory + "/report.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let at = try #require((object["at"] as? [[String: Any]])?.first)
        let day = try #require(at["day"] as? Double)
        #expect(abs(day - 365.25 / 4) < 1e-6)
        let ratio = try #require((at["values"] as? [String: Any])?["T_E2_ratio"] as? Double)
        #expect(ratio > 0)
        let when = try #require((object["when"] as? [[String: Any]])?.first)
        #expect(when["condition"] as? String == "E2 < 15 pg/mL")
    }

    /// Every `$ hpgsim …` command of notebooks-md/tutorial.md runs and succeeds (issue 12 part 6), in a scratch
    /// folder: scenario paths point into the repository, outputs land in the scratch folder.
    @Test func tutorialCommandsRun() throws {
        let tutorial = try String(contentsOf: Self.repository.appendingPathComponent("notebooks-md/tutorial.md"), encoding: .utf8)
        let commands = tutorial.split(separator: "\n").filter { $0.hasPrefix("$ hpgsim ") }.map { String($0.dropFirst(9)) }
        #expect(commands.count >= 6)
        let directory = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/notebooks-md/figures", withIntermediateDirectories: true)
        for command in commands {
            let arguments = Self.words(command).map { word in
                word.hasPrefix("scenarios/") ? Self.repository.appendingPathComponent(word).path : word
            }
            let outcome = try run(arguments, in: directory)
            #expect(outcome.status == 0, "hpgsim \(command): \(outcome.standardError)")
        }
        #expect(FileManager.default.fileExists(atPath: directory + "/notebooks-md/figures/tutorial-compare.svg"))
    }

    /// A command line split into words as a POSIX shell does for double-quoted words (the tutorial's only quoting).
    static func words(_ line: String) -> [String] {
        var words: [String] = [], word = "", quoted = false, started = false
        for c in line {
            if c == "\"" { quoted.toggle(); started = true } else if c == " " && !quoted {
                if started { words.append(word); word = ""; started = false }
            } else { word.append(c); started = true }
        }
        if started { words.append(word) }
        return words
    }

    /// `export --sbml`: a scenario with a mistake (an unknown drug), a missing file or a missing format flag is
    /// an error that writes nothing; a good scenario writes SBML.
    @Test func exportWritesSBMLOrNothing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let target = directory + "/model.xml"
        let inputs = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: inputs) }
        let bad = inputs + "/bad.yaml"
        try String(contentsOfFile: Self.scenario, encoding: .utf8).replacingOccurrences(of: "drug: anastrozole", with: "drug: anastrazole")
            .write(toFile: bad, atomically: true, encoding: .utf8)
        for arguments in [["export", "--sbml", bad, "-o", target], ["export", "--sbml", directory + "/none.yaml", "-o", target],
                          ["export", Self.scenario, "-o", target]] {
            let outcome = try run(arguments)
            #expect(outcome.status != 0 && !outcome.signaled, "\(arguments)")
            #expect(!outcome.standardError.isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty, "\(arguments)")
        }
        #expect(try run(["export", "--sbml", bad, "-o", target]).standardError.contains("anastrazole"))
        #expect(try run(["export", "--sbml", Self.scenario, "-o", target]).status == 0)
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("level3/version2/core"))
    }

    /// The scenario reference lists the drugs, profiles and routes exactly as `hpgsim list` prints them from the
    /// model's declarations, so the two cannot drift apart (issue 12).
    @Test(arguments: ["drugs", "profiles", "routes"]) func scenarioReferenceListsWhatListPrints(_ kind: String) throws {
        let directory = try temporaryDirectory()
        FileManager.default.createFile(atPath: directory + "/list.txt", contents: nil)
        #expect(try run(["list", kind], output: directory + "/list.txt").status == 0)
        let printed = try String(contentsOfFile: directory + "/list.txt", encoding: .utf8)
        let reference = try String(contentsOf: Self.repository.appendingPathComponent("scenarios/README.md"), encoding: .utf8)
        #expect(reference.contains("$ hpgsim list \(kind)\n" + printed + "```"))
    }
}
