import Foundation

/// Reads an input file (a scenario, a data set) whole, with a size cap checked before the bytes are kept:
/// a regular file by its size (fstat), anything else — standard input (`/dev/stdin`, `-`), a FIFO, process
/// substitution (`<(…)`) — by streaming read(2) that stops as soon as the cap is passed. Memory is bounded
/// by the cap whatever the input.
public enum InputFile {
    public enum ReadError: Error, Equatable, CustomStringConvertible {
        case missing
        case folder
        case tooLarge(limit: Int)
        case unreadable(String)

        public var description: String {
            switch self {
            case .missing: "there is no such file"
            case .folder: "it is a folder, not a file"
            case .tooLarge(let limit): "it is larger than \(sizeText(limit)), the most hpgsim reads"
            case .unreadable(let reason): "it cannot be read (\(reason))"
            }
        }
    }

    /// The bytes of `path` (`-` is standard input), at most `limit` of them.
    public static func read(_ path: String, limit: Int) throws(ReadError) -> [UInt8] {
        let descriptor = path == "-" ? dup(STDIN_FILENO) : open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw errno == ENOENT ? .missing : errno == EISDIR ? .folder : .unreadable(String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(String(cString: strerror(errno))) }
        let type = status.st_mode & S_IFMT
        if type == S_IFDIR { throw .folder }
        if type == S_IFREG && Int(status.st_size) > limit { throw .tooLarge(limit: limit) }
        // One read(2) per call into the array's free tail, which doubles (up to the cap) when full: a regular
        // file is read into an array of its size plus one byte (to see the end), in one or two calls.
        var bytes = [UInt8](repeating: 0, count: type == S_IFREG ? Int(status.st_size) + 1 : 1 << 16)
        var filled = 0
        while true {
            if filled == bytes.count {
                bytes.append(contentsOf: [UInt8](repeating: 0, count: min(bytes.count, limit + 1 - bytes.count)))
            }
            let count = bytes.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                throw errno == EISDIR ? .folder : .unreadable(String(cString: strerror(errno)))
            }
            if count == 0 {
                bytes.removeLast(bytes.count - filled)
                return bytes
            }
            filled += count
            if filled > limit { throw .tooLarge(limit: limit) }
        }
    }

    static func sizeText(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MB" : bytes >= 1 << 10 ? "\(bytes >> 10) kB" : "\(bytes) bytes"
    }
}
