import Foundation

/// Writes a file so that readers only ever see the old file or the complete new one: the bytes go to a
/// temporary file in the same directory, which is then renamed over the target (rename(2) is atomic within a
/// file system). On any failure the temporary file is removed and the target is left as it was.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    public static func write(_ contents: String, to path: String) throws(WriteError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw WriteError(path: path, reason: "cannot create a file in \(directory) (\(errorText()))")
        }
        let bytes = Array(contents.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if result < 0 {
                let reason = errorText()
                close(descriptor); unlink(temporary)
                throw WriteError(path: path, reason: reason)
            }
            written += result
        }
        guard close(descriptor) == 0 else {
            let reason = errorText()
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
        guard rename(temporary, path) == 0 else {
            let reason = errorText()
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
