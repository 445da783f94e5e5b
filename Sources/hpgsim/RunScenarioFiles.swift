import ArgumentParser
import Foundation
import Scenario

/// Finding, reading and simulating scenario files for `run` and `validate`, with messages for people.
enum ScenarioFiles {
    /// Files as given (`-` is standard input), and the .yaml/.yml files inside folders (sorted, not
    /// recursive). A folder without any is an error: nothing would be done, and silence would read as success.
    /// Subfolders holding scenarios that were not given too are named on standard error, so none is skipped
    /// silently (issue 12).
    static func expand(_ paths: [String]) throws -> [String] {
        func absolute(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
        let given = Set(paths.map(absolute))
        var skipped: [String] = []
        defer {
            if !skipped.isEmpty {
                print("hpgsim: subfolders are not read: " + skipped.joined(separator: ", ")
                      + " (give them as arguments too to include them).", to: &standardError)
            }
        }
        var files: [String] = []
        for path in paths {
            if path == "-" { files.append(path); continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                print("hpgsim: there is no file or folder \"\(path)\" (looked in \(FileManager.default.currentDirectoryPath)).",
                      to: &standardError)
                throw ExitCode.failure
            }
            guard isDirectory.boolValue else { files.append(path); continue }
            let entries: [String]
            do {
                entries = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                print("hpgsim: cannot list the folder \"\(path)\": \(error.localizedDescription)", to: &standardError)
                throw ExitCode.failure
            }
            let scenarios = entries.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            skipped += entries.sorted().map { (path as NSString).appendingPathComponent($0) }.filter { child in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: child, isDirectory: &isFolder) && isFolder.boolValue
                    && !given.contains(absolute(child)) && holdsScenarios(child)
            }
            guard !scenarios.isEmpty else {
                print("hpgsim: the folder \"\(path)\" has no scenario files (.yaml or .yml); nothing was done.",
                      to: &standardError)
                throw ExitCode.failure
            }
            files += scenarios.map { (path as NSString).appendingPathComponent($0) }
        }
        return files
    }

    /// Whether a folder or any folder under it holds a .yaml/.yml file.
    static func holdsScenarios(_ folder: String) -> Bool {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return false }
        for case let entry as String in walker where entry.hasSuffix(".yaml") || entry.hasSuffix(".yml") { return true }
        return false
    }

    /// Reads every file; if any has problems, prints all of them (every file) and exits with status 1.
    static func load(_ files: [String]) throws -> [Scenario] {
        let loader = ScenarioLoader(catalog: .hpg)
        var scenarios: [Scenario] = []
        var problems: [ScenarioProblem] = []
        for file in files {
            do { scenarios.append(try loader.load(path: file)) } catch { problems += error.problems }
        }
        guard problems.isEmpty else {
            let count = problems.count == 1 ? "1 mistake" : "\(problems.count) mistakes"
            print("hpgsim found \(count) in the scenario files, so nothing was simulated or written:\n",
                  to: &standardError)
            for problem in problems { print(problem.description + "\n", to: &standardError) }
            print("The numbers after each file name are line:column. scenarios/README.md describes every key.",
                  to: &standardError)
            throw ExitCode.failure
        }
        return scenarios
    }

    /// Simulates, or prints the failure at the line of the key it comes from and exits with status 1.
    static func simulate(_ scenario: Scenario, units: UnitSystem, method: String? = nil,
                         maxSteps: Int? = nil, relativeTolerance: Double? = nil, absoluteTolerance: Double? = nil,
                         report: ReportSpec? = nil) throws -> ScenarioResult {
        do {
            return try scenario.simulate(units: units, method: method, maxSteps: maxSteps, relativeTolerance: relativeTolerance,
                                         absoluteTolerance: absoluteTolerance, report: report)
        } catch {
            print("hpgsim: " + scenario.problem(for: error).description, to: &standardError)
            throw ExitCode.failure
        }
    }
}

/// Standard error as a `TextOutputStream`, for `print(…, to: &standardError)`. Written with write(2):
/// FileHandle's write traps when the stream cannot be written (2> /dev/full), and there is nowhere left to
/// report that, so a failure is ignored.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        _ = Array(string.utf8).withUnsafeBytes { Foundation.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
nonisolated(unsafe) var standardError = StandardError()
