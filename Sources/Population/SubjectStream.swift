import Foundation

/// The random numbers of one subject: Philox4x32-10 keyed by the run's 64-bit seed, with the counter
/// (subject low word, subject high word, stream, block). Subject i's numbers are the same whichever thread or
/// shard draws them, and whichever other subjects are drawn, so any subject can be regenerated alone.
/// `stream` separates independent uses (e.g. 0 for the between-subject draws); `block` counts 128-bit blocks.
public struct SubjectStream: Sendable {
    let generator: Philox4x32
    let subject: UInt64
    let stream: UInt32
    var nextBlock: UInt32 = 0
    /// The second Box–Muller deviate of the last block, not yet handed out.
    var spare: Double?

    public init(seed: UInt64, subject: UInt64, stream: UInt32 = 0) {
        generator = Philox4x32(key: (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32)))
        self.subject = subject
        self.stream = stream
    }

    /// Two uniform deviates in the open interval (0, 1), each from 53 bits of one block:
    /// u = (⌊w/2¹¹⌋ + ½)·2⁻⁵³ for the 64-bit word w, so neither 0 nor 1 occurs (Box–Muller takes ln u).
    public mutating func uniformPair() -> (Double, Double) {
        let b = generator.block((UInt32(truncatingIfNeeded: subject), UInt32(truncatingIfNeeded: subject >> 32),
                                 stream, nextBlock))
        precondition(nextBlock < .max, "a subject stream ran out of its 2³² blocks")
        nextBlock += 1
        func unit(_ high: UInt32, _ low: UInt32) -> Double {
            let word = UInt64(high) << 32 | UInt64(low)
            return (Double(word >> 11) + 0.5) * 0x1p-53
        }
        return (unit(b.0, b.1), unit(b.2, b.3))
    }

    /// A standard normal deviate by the Box–Muller transform (Box GEP, Muller ME, Ann Math Stat 1958;29:610):
    /// for independent uniforms u₁, u₂ in (0, 1), √(−2 ln u₁)·cos 2πu₂ and √(−2 ln u₁)·sin 2πu₂ are independent
    /// N(0, 1). Each block gives both; the sine one is handed out next.
    public mutating func normal() -> Double {
        if let z = spare { spare = nil; return z }
        let (u1, u2) = uniformPair()
        let radius = (-2 * log(u1)).squareRoot()
        spare = radius * sin(2 * Double.pi * u2)
        return radius * cos(2 * Double.pi * u2)
    }

    /// `count` independent standard normal deviates.
    public mutating func normals(_ count: Int) -> [Double] { (0..<count).map { _ in normal() } }
}
