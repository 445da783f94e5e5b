import Foundation
import Testing
@testable import Scenario

/// `AtomicFile` never replaces a node that is not a regular file (issue 13, "Destroys files").
struct OutputSafetyTests {
    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "hpgsim-out-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func fileType(_ path: String) -> mode_t {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : 0
    }

    /// A symbolic link is followed: its target gets the new bytes (atomically), the link stays a link.
    @Test func symlinkIsFollowedAndKept() throws {
        let directory = try temporaryDirectory()
        try AtomicFile.write("old\n", to: directory + "/real.csv")
        #expect(symlink("real.csv", directory + "/link.csv") == 0)
        try AtomicFile.write("new\n", to: directory + "/link.csv")
        #expect(fileType(directory + "/link.csv") == S_IFLNK)
        #expect(try String(contentsOfFile: directory + "/real.csv", encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["link.csv", "real.csv"])
    }

    /// A link to nothing is refused: no file appears where the link points, and the link is not replaced.
    @Test func danglingSymlinkIsRefused() throws {
        let directory = try temporaryDirectory()
        #expect(symlink("nowhere.csv", directory + "/link.csv") == 0)
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("data", to: directory + "/link.csv") }
        #expect(fileType(directory + "/link.csv") == S_IFLNK)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["link.csv"])
    }

    /// A FIFO is written in place: the reader gets every byte and the FIFO is still a FIFO.
    @Test func fifoIsWrittenInPlace() throws {
        let directory = try temporaryDirectory()
        let fifo = directory + "/pipe.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        let payload = String(repeating: "0123456789,", count: 20_000) + "\n"   // more than a pipe buffer
        // The reader is a thread of its own (not a task: the writer blocks its thread until a reader opens).
        let received = Received()
        let reader = Thread { received.bytes = try? InputFile.read(fifo, limit: 1 << 30); received.done.signal() }
        reader.start()
        try AtomicFile.write(payload, to: fifo)
        received.done.wait()
        #expect(received.bytes.map { String(decoding: $0, as: UTF8.self) } == payload)
        #expect(fileType(fifo) == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["pipe.csv"])
    }

    final class Received: @unchecked Sendable {
        var bytes: [UInt8]?
        let done = DispatchSemaphore(value: 0)
    }

    /// A character device (/dev/null needs no privileges to write) stays the device node.
    @Test func characterDeviceIsWrittenInPlace() throws {
        var before = stat()
        #expect(stat("/dev/null", &before) == 0)
        try AtomicFile.write("data\n", to: "/dev/null")
        var after = stat()
        #expect(lstat("/dev/null", &after) == 0)
        #expect(after.st_mode & S_IFMT == S_IFCHR)
        #expect(after.st_rdev == before.st_rdev && after.st_ino == before.st_ino)
    }

    /// A folder is refused before any temporary file is made.
    @Test func folderIsRefused() throws {
        let directory = try temporaryDirectory()
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("data", to: directory) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    /// A write error on a device is reported with the system's reason (/dev/full: ENOSPC).
    @Test func fullDeviceIsAnError() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }   // Linux only
        do {
            try AtomicFile.write("data\n", to: "/dev/full")
            Issue.record("writing /dev/full succeeded")
        } catch {
            #expect(error.reason == String(cString: strerror(ENOSPC)))
        }
    }

    /// While a temporary file is registered, its path is kept for the signal handler; after, it is not.
    @Test func temporaryFileRegistry() {
        let path = NSTemporaryDirectory() + "hpgsim-registry-\(UUID().uuidString)"
        func registered() -> Bool {
            (0..<TemporaryFiles.slotCount).contains {
                TemporaryFiles.inUse[$0] != 0 && String(cString: TemporaryFiles.paths + $0 * TemporaryFiles.slotSize) == path
            }
        }
        TemporaryFiles.register(path)
        #expect(registered())
        TemporaryFiles.unregister(path)
        #expect(!registered())
    }
}
