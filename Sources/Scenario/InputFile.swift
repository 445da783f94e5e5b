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
        var bytes: [UInt8] = []
        if type == S_IFREG { bytes.reserveCapacity(Int(status.st_size)) }
        let chunk = 1 << 16
        while true {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            let count = bytes.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + start, chunk) }
            if count < 0 {
                if errno == EINTR { bytes.removeLast(chunk); continue }
                throw errno == EISDIR ? .folder : .unreadable(String(cString: strerror(errno)))
            }
            bytes.removeLast(chunk - count)
            if count == 0 { return bytes }
            if bytes.count > limit { throw .tooLarge(limit: limit) }
        }
    }

    static func sizeText(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MB" : bytes >= 1 << 10 ? "\(bytes >> 10) kB" : "\(bytes) bytes"
    }
}
