/// Philox4x32-10, the counter-based pseudo-random generator of Salmon JK, Moraes MA, Dror RO, Shaw DE,
/// "Parallel random numbers: as easy as 1, 2, 3", Proc. SC'11 (2011), doi:10.1145/2063384.2063405.
///
/// A keyed bijection of a 128-bit counter: the output block for counter c under key k is ten rounds of
///   (L₀, R₀, L₁, R₁) ← (hi(M₁·R₁) ⊕ L₀ ⊕ k₀, lo(M₁·R₁), hi(M₀·R₀) ⊕ L₁ ⊕ k₁, lo(M₀·R₀))
/// with (R₀, L₀, R₁, L₁) = (c₀, c₁, c₂, c₃), M₀ = 0xD2511F53, M₁ = 0xCD9E8D57, and the key bumped by the Weyl
/// constants (0x9E3779B9, 0xBB67AE85) between rounds. Because the output is a function of (key, counter) alone,
/// any block of any stream can be computed without the ones before it: a man's numbers depend only on
/// (seed, his index, the stream, the block), never on the thread or shard that computes him. The paper's
/// Crush-resistance result (BigCrush passed with 10 rounds) is why 10 rounds are used.
public struct Philox4x32: Sendable, Equatable {
    public typealias Block = (UInt32, UInt32, UInt32, UInt32)

    public var key: (UInt32, UInt32)

    public init(key: (UInt32, UInt32)) { self.key = key }

    public static func == (a: Philox4x32, b: Philox4x32) -> Bool { a.key == b.key }

    static let multipliers: (UInt32, UInt32) = (0xD251_1F53, 0xCD9E_8D57)
    static let weyl: (UInt32, UInt32) = (0x9E37_79B9, 0xBB67_AE85)
    public static let rounds = 10

    /// The four 32-bit output words for one 128-bit counter.
    public func block(_ counter: Block) -> Block {
        var c = counter
        var k = key
        for round in 0..<Self.rounds {
            if round > 0 { k = (k.0 &+ Self.weyl.0, k.1 &+ Self.weyl.1) }
            let p0 = UInt64(Self.multipliers.0) * UInt64(c.0)
            let p1 = UInt64(Self.multipliers.1) * UInt64(c.2)
            c = (UInt32(truncatingIfNeeded: p1 >> 32) ^ c.1 ^ k.0, UInt32(truncatingIfNeeded: p1),
                 UInt32(truncatingIfNeeded: p0 >> 32) ^ c.3 ^ k.1, UInt32(truncatingIfNeeded: p0))
        }
        return c
    }
}
