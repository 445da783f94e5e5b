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
    return withoutActuallyEscaping(f) { f in
        // The state of an `OrderedParallelMap` with room for every value ahead, so no worker waits; the
        // caller's thread works too, and every value is stored when concurrentPerform returns.
        let results = OrderedResults(count: count, ahead: count, concurrent: true, f)
        DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in results.work() }
        return (0..<count).map { _ in results.take()! }
    }
}

/// f(0), f(1), …, f(count − 1) handed out in index order as the sequence is iterated, computed ahead on
/// `threads` threads: the work overlaps with what the consumer does with each value (writing a table to a
/// file while its next blocks are formatted). At most `ahead` values wait to be taken, so memory stays
/// bounded. With one thread each value is computed when it is asked for, on the caller's thread. The values
/// are those of `parallelMap`, in the same order; an iterator dropped before the end stops the workers.
public struct OrderedParallelMap<T>: Sequence {
    private let count: Int, threads: Int, ahead: Int
    private let f: (Int) -> T

    public init(count: Int, threads: Int, ahead: Int, _ f: @escaping (Int) -> T) {
        (self.count, self.threads, self.ahead, self.f) = (count, threads, Swift.max(1, ahead), f)
    }

    public func makeIterator() -> Iterator { Iterator(count: count, threads: threads, ahead: ahead, f) }

    public final class Iterator: IteratorProtocol {
        private let state: OrderedResults<T>

        init(count: Int, threads: Int, ahead: Int, _ f: @escaping (Int) -> T) {
            state = OrderedResults(count: count, ahead: ahead, concurrent: threads > 1, f)
            guard threads > 1 else { return }
            let state = state
            for _ in 0..<Swift.min(threads, count) { DispatchQueue.global().async { state.work() } }
        }

        public func next() -> T? { state.take() }

        deinit { state.cancel() }
    }
}

/// The shared state of an `OrderedParallelMap` iteration: indices claimed by workers (never more than
/// `ahead` beyond the next one to be taken), results stored by index and taken in order, all under one lock.
private final class OrderedResults<T>: @unchecked Sendable {
    private let condition = NSCondition()
    private var values: [T?]
    private var nextClaim = 0, nextTake = 0
    private var cancelled = false
    private let ahead: Int
    private let concurrent: Bool
    private let f: (Int) -> T

    init(count: Int, ahead: Int, concurrent: Bool, _ f: @escaping (Int) -> T) {
        values = Array(repeating: nil, count: count)
        (self.ahead, self.concurrent, self.f) = (ahead, concurrent, f)
    }

    /// A worker: claims the next index while there is room ahead, computes it outside the lock, stores it.
    func work() {
        while true {
            condition.lock()
            while !cancelled && nextClaim < values.count && nextClaim - nextTake >= ahead { condition.wait() }
            guard !cancelled && nextClaim < values.count else {
                condition.unlock()
                return
            }
            let i = nextClaim
            nextClaim += 1
            condition.unlock()
            let value = f(i)
            condition.lock()
            values[i] = value
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The next value in index order, waiting for it if a worker is still computing it; nil after the last.
    func take() -> T? {
        guard concurrent else {
            guard nextTake < values.count else { return nil }
            defer { nextTake += 1 }
            return f(nextTake)
        }
        condition.lock()
        defer { condition.unlock() }
        guard nextTake < values.count else { return nil }
        while values[nextTake] == nil { condition.wait() }
        let value = values[nextTake]
        values[nextTake] = nil
        nextTake += 1
        condition.broadcast()
        return value
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
