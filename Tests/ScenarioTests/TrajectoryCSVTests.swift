import Foundation
import Testing
@testable import Scenario

/// CSV layout (RFC 4180) and the atomic write.
struct TrajectoryCSVTests {
    /// Time in hours is written in days; one row per time, CRLF after every record.
    @Test func layout() {
        let csv = TrajectoryCSV(timesHours: [0, 12, 24], columns: [
            .init(name: "testosterone", unit: "ng/dL", header: "testosterone_ng_per_dL", values: [300, 310, 320]),
            .init(name: "estradiol", unit: "pmol/L", header: "estradiol_pmol_per_L", values: [90, 80, 70]),
            .init(name: "ratio", unit: "1", header: "ratio", values: [10, 11, 12]),
        ])
        let lines = csv.text.components(separatedBy: "\n")
        #expect(lines[0] == "time_days,testosterone_ng_per_dL,estradiol_pmol_per_L,ratio")
        #expect(lines[1] == "0,300,90,10")
        #expect(lines[2] == "0.5,310,80,11")
        #expect(lines[3] == "1,320,70,12")
        #expect(lines[4] == "")  // every record ends with LF (issue 12: awk read a stray CR in the last column)
        #expect(!csv.text.contains("\r"))
        #expect(lines.count == 5)
    }

    @Test func fieldsWithCommasAndQuotesAreQuoted() {
        #expect(TrajectoryCSV.field("plain") == "plain")
        #expect(TrajectoryCSV.field("a,b") == "\"a,b\"")
        #expect(TrajectoryCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
    }

    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "hpgsim-csv-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func writeReplacesTheFileWhole() throws {
        let directory = try temporaryDirectory()
        let path = directory + "/out.csv"
        try AtomicFile.write("old\r\n", to: path)
        try AtomicFile.write("new\r\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\r\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.csv"])
    }

    /// When the final rename fails (the target is a directory), the temporary file is removed and nothing
    /// else appears.
    @Test func failedRenameLeavesNoPartialFile() throws {
        let directory = try temporaryDirectory()
        let target = directory + "/taken"
        try FileManager.default.createDirectory(atPath: target + "/inner", withIntermediateDirectories: true)
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("data", to: target) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["taken"])
    }

    /// When the directory does not exist, nothing is created.
    @Test func missingDirectoryLeavesNothing() throws {
        let directory = try temporaryDirectory()
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("data", to: directory + "/no/such/out.csv") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }
}
