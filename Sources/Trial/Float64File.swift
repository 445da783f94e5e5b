import Foundation
import Scenario

/// A file written in pieces and published whole: the bytes go to a hidden temporary file in the same folder,
/// renamed over the target by `commit()` (rename(2) is atomic within a file system); `discard()` removes it,
/// and so does SIGINT, SIGTERM or SIGHUP (`TemporaryFiles`).
final class StreamedFile {
    let path: String
    let temporary: String
    private let handle: FileHandle
    private var buffer = Data()

    init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        TemporaryFiles.register(temporary)
        // open(2) creates the file in place: FileManager.createFile writes through a hidden file of its own
        // (.dat.nosync…), which a signal arriving meanwhile would leave behind, unregistered.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            TemporaryFiles.unregister(temporary)
            throw TrialError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    func write(_ text: String) throws { buffer.append(contentsOf: text.utf8); try flushIfLarge() }

    func write(_ bytes: Data) throws { buffer.append(bytes); try flushIfLarge() }

    /// Doubles as IEEE 754 little-endian.
    func write(_ values: [Double]) throws {
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { buffer.append(contentsOf: $0) } }
        try flushIfLarge()
    }

    private func flushIfLarge() throws { if buffer.count >= 1 << 20 { try flush() } }

    private func flush() throws {
        do { try handle.write(contentsOf: buffer) } catch {
            throw TrialError.cannotWrite(path: path, reason: "\(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func commit() throws {
        try flush()
        try? handle.close()
        defer { TemporaryFiles.unregister(temporary) }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw TrialError.cannotWrite(path: path, reason: reason)
        }
    }

    func discard() {
        try? handle.close()
        unlink(temporary)
        TemporaryFiles.unregister(temporary)
    }
}

/// Reads a file of little-endian doubles record by record.
final class Float64Reader {
    private let handle: FileHandle
    let path: String
    let recordLength: Int

    init(path: String, recordLength: Int) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TrialError.badShard(path: path, reason: "cannot be read")
        }
        self.handle = handle
        self.path = path
        self.recordLength = recordLength
    }

    deinit { try? handle.close() }

    /// The next `count` records (fewer at the end of the file), concatenated.
    func next(records count: Int) throws -> [Double] {
        let bytes = count * recordLength * 8
        guard let data = try handle.read(upToCount: bytes), !data.isEmpty else { return [] }
        guard data.count % (recordLength * 8) == 0 else {
            throw TrialError.badShard(path: path, reason: "ends inside a record (truncated?)")
        }
        return data.withUnsafeBytes { raw in
            (0..<data.count / 8).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
        }
    }
}

public enum TrialError: Error, CustomStringConvertible, Equatable {
    case cannotWrite(path: String, reason: String)
    case badShard(path: String, reason: String)
    case shardsDoNotMatch(String)
    case noPopulation(String)

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason): "cannot write \(path): \(reason)"
        case let .badShard(path, reason): "\(path) is not a usable shard output: \(reason)"
        case let .shardsDoNotMatch(reason): "the shard outputs do not belong together: \(reason)"
        case let .noPopulation(reason): reason
        }
    }
}
