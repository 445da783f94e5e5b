/// 10^k for 0 ≤ k ≤ 22, exactly: every such power is a double (5²² < 2⁵³), and so is every partial product
/// 10^(sum of some of k's bits) on the way, so each multiplication is exact. Computed rather than read from a
/// global array: a shared array is retained on each read, and two threads formatting or parsing numbers at
/// once then contended for its reference count (a fifth of a two-thread `hpgsim events` run, `perf`).
@inlinable @inline(__always)
public func exactPowerOfTen(_ k: Int) -> Double {
    precondition(k >= 0 && k <= 22, "10^\(k) is not an exact double")
    var power = 1.0
    if k & 1 != 0 { power *= 1e1 }
    if k & 2 != 0 { power *= 1e2 }
    if k & 4 != 0 { power *= 1e4 }
    if k & 8 != 0 { power *= 1e8 }
    if k & 16 != 0 { power *= 1e16 }
    return power
}
