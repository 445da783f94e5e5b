import Foundation

/// f(0) … f(count − 1) on `threads` threads, each taking the next index as it finishes, and the results in
/// index order: the same values whatever the thread count or the scheduling, when f(i) depends on i alone.
/// One thread (or one item) runs on the caller's thread.
///
/// f is called from several threads at once: it may read what it captures (a file's bytes through a pointer,
/// the model) but must write only to what it creates, which the compiler does not check here (f need not be
/// `@Sendable`, so that it can read unsafe pointers).
public func parallelMap<T>(count: Int, threads: Int, _ f: (Int) -> T) -> [T] {
    guard threads > 1, count > 1 else { return (0..<count).map(f) }
    let slots = ResultSlots<T>(count: count)
    withoutActuallyEscaping(f) { f in
        nonisolated(unsafe) let work = f
        DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
            while let i = slots.claim() { slots.store(work(i), at: i) }
        }
    }
    return slots.results
}

/// Result slots filled by several threads: each index is claimed once (under the lock) and written by the
/// thread that claimed it, so no slot is shared.
private final class ResultSlots<T>: @unchecked Sendable {
    private var values: [T?]
    private var next = 0
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.withLock {
            guard next < values.count else { return nil }
            next += 1
            return next - 1
        }
    }

    func store(_ value: T, at i: Int) { lock.withLock { values[i] = value } }

    var results: [T] { values.map { $0! } }
}
