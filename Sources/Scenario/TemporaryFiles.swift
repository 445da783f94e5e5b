import Foundation

/// Temporary files and folders that must not outlive the process: on SIGINT, SIGTERM or SIGHUP each registered
/// file is unlinked and each registered folder removed (once the files registered in it are gone), then the signal is raised again with its default action, so the exit status still says which
/// signal ended the process. A signal that was ignored when hpgsim started (nohup) stays ignored; one that was
/// blocked is unblocked in the registering thread, so that it can arrive at all.
///
/// The handler may run between any two instructions, so it touches only memory allocated before the first
/// registration (fixed slots of C strings) and calls only async-signal-safe functions (unlink, signal,
/// rmdir, raise; POSIX.1-2017 §2.4.3). A slot is published by setting its flag after its path is complete.
public enum TemporaryFiles {
    /// Files written at once: `population` streams four per shard, `merge` three or four plus one per scenario.
    static let slotCount = 64
    static let slotSize = Int(PATH_MAX) + 1
    nonisolated(unsafe) static let paths = UnsafeMutablePointer<CChar>.allocate(capacity: slotCount * slotSize)
    nonisolated(unsafe) static let inUse: UnsafeMutablePointer<Int32> = {
        let flags = UnsafeMutablePointer<Int32>.allocate(capacity: slotCount)
        flags.initialize(repeating: 0, count: slotCount)
        return flags
    }()
    static let lock = NSLock()
    nonisolated(unsafe) static var installed = false

    /// Removes `path` if a signal ends the process before `unregister(path)`. With every slot taken the
    /// path is not protected.
    public static func register(_ path: String) {
        lock.lock(); defer { lock.unlock() }
        installHandlers()
        let bytes = Array(path.utf8CString)
        guard bytes.count <= slotSize, let slot = (0..<slotCount).first(where: { inUse[$0] == 0 }) else { return }
        let start = paths + slot * slotSize
        for (k, byte) in bytes.enumerated() { start[k] = byte }
        inUse[slot] = 1
    }

    public static func unregister(_ path: String) {
        lock.lock(); defer { lock.unlock() }
        for slot in 0..<slotCount where inUse[slot] != 0 && String(cString: paths + slot * slotSize) == path {
            inUse[slot] = 0
        }
    }

    private static func installHandlers() {
        guard !installed else { return }
        installed = true
        _ = (paths, inUse)   // allocated before any handler can run
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            let previous = signal(signalNumber) { received in
                // Files first, then folders, the later registered (the inner) first; each call fails harmlessly
                // on the other kind.
                for slot in 0..<TemporaryFiles.slotCount where TemporaryFiles.inUse[slot] != 0 {
                    unlink(TemporaryFiles.paths + slot * TemporaryFiles.slotSize)
                }
                for slot in (0..<TemporaryFiles.slotCount).reversed() where TemporaryFiles.inUse[slot] != 0 {
                    rmdir(TemporaryFiles.paths + slot * TemporaryFiles.slotSize)
                }
                signal(received, SIG_DFL)
                raise(received)
            }
            // A signal the parent chose to ignore (nohup ignores SIGHUP) stays ignored.
            if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { signal(signalNumber, SIG_IGN) }
        }
        // A blocked mask is inherited across exec: a parent that blocks these signals in its threads (a test
        // runner, some job launchers) would leave them pending for ever, and hpgsim could not be stopped.
        var handled = sigset_t()
        sigemptyset(&handled)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&handled, signalNumber) }
        pthread_sigmask(SIG_UNBLOCK, &handled, nil)
    }
}
