import ArgumentParser
import Foundation

extension HPGSim {
    /// Runs the command, then checks that everything printed reached standard output: `print` buffers in
    /// C stdio, whose write errors (a full disk, `> /dev/full`, a closed pipe reader) only set the stream's
    /// error flag. At exit, whether the command succeeded or not, the buffer is flushed and the flag read; a
    /// failure is reported on standard error and the exit status becomes 1.
    static func main() {
        // Into a file or pipe, a 1 MB buffer: output up to that size is written at exit, where a failure is
        // seen with its reason (errno). A terminal keeps its line buffering.
        if isatty(STDOUT_FILENO) == 0, let stream = standardOutputStream {
            // (glibc ignores the size when it is to allocate the buffer itself; this one lives until exit.)
            setvbuf(stream, malloc(1 << 20)?.assumingMemoryBound(to: CChar.self), _IOFBF, 1 << 20)
        }
        atexit {
            let flushed = fflush(nil) == 0
            let reason = errno
            guard !flushed || standardOutputStream.map({ ferror($0) != 0 }) ?? false else { return }
            // After an earlier failed write glibc drops the buffer, so the final flush succeeds; errno then
            // no longer says why, and the flag is all that is left.
            let text = "hpgsim: cannot write standard output: "
                + (flushed ? "a write failed (is the disk full, or the reader gone?)" : String(cString: strerror(reason))) + "\n"
            _ = text.utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
            _exit(1)
        }
        main(nil)
    }
}


/// C's `stdout` stream. Swift 6 refuses to read the mutable C global `stdout` from any isolation domain, so
/// its address is taken from the C library's symbol table.
private var standardOutputStream: UnsafeMutablePointer<FILE>? {
    #if os(Linux)
    let (handle, name) = (UnsafeMutableRawPointer(bitPattern: 0), "stdout")     // RTLD_DEFAULT
    #else
    let (handle, name) = (UnsafeMutableRawPointer(bitPattern: -2), "__stdoutp")  // RTLD_DEFAULT
    #endif
    return dlsym(handle, name)?.load(as: UnsafeMutablePointer<FILE>?.self)
}
