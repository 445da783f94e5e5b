/// A stepper's work vector: `count` doubles allocated once, at a fixed address. Steppers keep their work
/// vectors in `let` properties, so reading or writing an element is a plain memory access; an element of a
/// `var` array property of a class pays a run-time exclusivity check (swift_beginAccess/endAccess) on every
/// access instead, which took 45 % of a BDF solve's instructions and 11 % of a Rodas5P solve's in release
/// builds (callgrind of `hpgsim run scenarios/anastrozole-1mg-twice-weekly.yaml --method bdf|rodas5p`, README).
/// The owner frees it with `deallocate()` in its `deinit`.
struct WorkVector {
    let pointer: UnsafeMutablePointer<Double>
    let count: Int

    /// `count` zeros.
    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    subscript(i: Int) -> Double {
        get { pointer[i] }
        nonmutating set { pointer[i] = newValue }
    }

    var values: UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: pointer, count: count) }
    var buffer: UnsafeMutableBufferPointer<Double> { UnsafeMutableBufferPointer(start: pointer, count: count) }

    /// Entries `range` as a vector of their own.
    func slice(_ range: Range<Int>) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: pointer + range.lowerBound, count: range.count)
    }

    func deallocate() { pointer.deallocate() }
}
