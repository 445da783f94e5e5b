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
}
