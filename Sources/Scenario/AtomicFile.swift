import Foundation

/// The one way hpgsim writes an output file (`run`, `events`, `model`, `calibrate`). What happens depends on
/// what the path names (lstat(2)), so that no node is ever replaced:
///
/// - `-`: standard output, written in place.
/// - a regular file, or nothing yet: the bytes go to a temporary file in the same folder, which is then
///   renamed over the target (rename(2) is atomic within a file system), so readers only ever see the old
///   file or the complete new one. On any failure, or on SIGINT/SIGTERM/SIGHUP (`TemporaryFiles`), the
///   temporary file is removed and the target is left as it was.
/// - a character device or a FIFO (`/dev/null`, `/dev/stdout`, a named pipe, process substitution): written
///   in place, like a shell redirection. Renaming over it would replace the device node by a regular file.
/// - a symbolic link: followed. Its final target is written by the rules above (a regular file atomically,
///   the link itself stays a link); a link to nothing is refused, so no file appears at an unexpected place.
/// - a folder, a block device or a socket: refused.
///
/// Every write(2) is checked, including short writes and EINTR; a failure is a `WriteError` naming the path.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path == "-" ? "standard output" : path): \(reason)" }
    }

    public static func write(_ contents: String, to path: String) throws(WriteError) {
        try write(Array(contents.utf8), to: path)
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        try write(parts: [bytes], to: path)
    }

    /// The parts one after another, as one file. The sequence is iterated once, each part written as it comes:
    /// a table whose blocks are formatted by other threads meanwhile (`OrderedParallelMap`) is neither waited
    /// for whole nor copied into one array.
    public static func write(parts: some Sequence<[UInt8]>, to path: String) throws(WriteError) {
        if path == "-" {
            guard fflush(nil) == 0 else { throw WriteError(path: "-", reason: errorText()) }
            if let reason = writeAll(STDOUT_FILENO, parts) { throw WriteError(path: "-", reason: reason) }
            return
        }
        let bytes = parts
        var target = path
        var status = stat()
        if lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                throw WriteError(path: path, reason: "it is a symbolic link to \(linkText(path)), which does not "
                                 + "exist; write to the target's folder or remove the link")
            }
            target = String(cString: resolved)
            free(resolved)
            guard lstat(target, &status) == 0 else { throw WriteError(path: path, reason: errorText()) }
        } else if errno != ENOENT && (status.st_mode & S_IFMT) == 0 {
            throw WriteError(path: path, reason: errorText())
        }
        switch status.st_mode & S_IFMT {
        case 0, S_IFREG:
            try replace(target, with: bytes, reportedAs: path)
        case S_IFCHR, S_IFIFO:
            try writeInPlace(target, bytes, reportedAs: path)
        case S_IFDIR:
            throw WriteError(path: path, reason: "it is a folder; give a file name")
        default:
            throw WriteError(path: path, reason: "it is a block device or a socket, which hpgsim does not write to")
        }
    }

    /// Writes all bytes to standard output (unbuffered, after flushing what `print` has buffered: fflush(NULL) flushes every stream).
    public static func writeStandardOutput(_ bytes: [UInt8]) throws(WriteError) {
        guard fflush(nil) == 0 else { throw WriteError(path: "-", reason: errorText()) }
        if let reason = writeAll(STDOUT_FILENO, [bytes]) { throw WriteError(path: "-", reason: reason) }
    }

    /// Temporary file next to the target, renamed over it.
    static func replace(_ target: String, with bytes: some Sequence<[UInt8]>, reportedAs path: String) throws(WriteError) {
        let url = URL(fileURLWithPath: target)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".\(getpid()).tmp"
        TemporaryFiles.register(temporary)
        defer { TemporaryFiles.unregister(temporary) }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw WriteError(path: path, reason: "cannot create a file in \(directory) (\(errorText()))")
        }
        if let reason = writeAll(descriptor, bytes) {
            close(descriptor); unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
        guard close(descriptor) == 0 else {
            let reason = errorText()
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
        guard rename(temporary, target) == 0 else {
            let reason = errorText()
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
    }

    /// A device or FIFO: opened for writing (a FIFO waits for its reader) and written as is.
    static func writeInPlace(_ target: String, _ bytes: some Sequence<[UInt8]>, reportedAs path: String) throws(WriteError) {
        let descriptor = open(target, O_WRONLY | O_NOCTTY)
        guard descriptor >= 0 else { throw WriteError(path: path, reason: errorText()) }
        if let reason = writeAll(descriptor, bytes) {
            close(descriptor)
            throw WriteError(path: path, reason: reason)
        }
        guard close(descriptor) == 0 else { throw WriteError(path: path, reason: errorText()) }
    }

    /// write(2) until every byte of every part is written; the reason on failure (EINTR is retried).
    static func writeAll(_ descriptor: Int32, _ parts: some Sequence<[UInt8]>) -> String? {
        for part in parts {
            let failure = part.withUnsafeBytes { buffer -> String? in
                var written = 0
                while written < buffer.count {
                    let result = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                    if result < 0 {
                        if errno == EINTR { continue }
                        return errorText()
                    }
                    if result == 0 { return "the device accepted no more bytes" }
                    written += result
                }
                return nil
            }
            if let failure { return failure }
        }
        return nil
    }

    private static func linkText(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        return count < 0 ? "a missing file" : String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}
