#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import LibFuzzerDriver

nonisolated(unsafe) private var test: ([UInt8]) -> Void = { _ in }

/// Runs libFuzzer with the process's arguments (corpus folders, `-max_total_time=…`), calling `body` on each
/// input, and exits with libFuzzer's status. A fuzz target's main.swift is this one call, so SwiftPM's own
/// entry point stays (libFuzzer's main is not used).
public func runFuzzer(_ body: @escaping ([UInt8]) -> Void) -> Never {
    test = body
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    let status = LLVMFuzzerRunDriver(&argc, &argv) { data, count in
        test(count == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: count)))
        return 0
    }
    exit(status)
}
