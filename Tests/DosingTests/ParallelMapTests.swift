import Foundation
import Testing
@testable import Dosing

/// The two parallel maps give f(0) … f(n − 1) in index order whatever the thread count, and the streamed one
/// never holds more than `ahead` values nor keeps working once its iterator is dropped.
@Suite struct ParallelMapTests {
    /// A value that depends on its index alone, with uneven work so that threads finish out of order.
    static func value(_ i: Int) -> [Int] {
        var x = UInt64(i) &* 0x9E37_79B9_7F4A_7C15
        for _ in 0..<((i % 7) * 2_000) { x = x &* 6_364_136_223_846_793_005 &+ 1 }
        return [i, Int(truncatingIfNeeded: x)]
    }

    @Test(arguments: [1, 2, 3, 8])
    func valuesComeInIndexOrder(threads: Int) {
        let expected = (0..<200).map(Self.value)
        #expect(parallelMap(count: 200, threads: threads, Self.value) == expected)
        #expect(Array(OrderedParallelMap(count: 200, threads: threads, ahead: 3, Self.value)) == expected)
        #expect(Array(OrderedParallelMap(count: 0, threads: threads, ahead: 3, Self.value)).isEmpty)
    }

    /// Workers claim at most `ahead` indices beyond the next one taken: with nothing taken, 2 threads and
    /// ahead 3, exactly 3 values are computed, and dropping the iterator after 5 values lets no more start.
    @Test func workStaysAheadByAtMostTheBoundAndStopsWhenDropped() throws {
        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var calls = 0
            func count() { lock.withLock { calls += 1 } }
            var value: Int { lock.withLock { calls } }
        }
        let counter = Counter()
        var iterator: OrderedParallelMap<Int>.Iterator? = OrderedParallelMap(count: 1_000, threads: 2, ahead: 3) { i in
            counter.count()
            return i
        }.makeIterator()
        // The workers reach the bound (waited for up to 10 s) and then stop there.
        let deadline = Date().addingTimeInterval(10)
        while counter.value < 3 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        Thread.sleep(forTimeInterval: 0.1)
        #expect(counter.value == 3)
        for expected in 0..<5 { #expect(iterator?.next() == expected) }
        iterator = nil
        Thread.sleep(forTimeInterval: 0.1)
        #expect(counter.value <= 5 + 3)
    }
}
