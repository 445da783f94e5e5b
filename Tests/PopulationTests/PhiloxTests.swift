import Population
import Testing

/// Known-answer vectors of Random123 (Salmon et al. SC'11), file tests/kat_vectors of
/// github.com/DEShawResearch/random123, the three "philox4x32 10" lines: counter (4 words), key (2 words), output.
@Suite struct PhiloxTests {
    @Test(arguments: [
        ([0x0000_0000, 0x0000_0000, 0x0000_0000, 0x0000_0000], [0x0000_0000, 0x0000_0000],
         [0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8]),
        ([0xffff_ffff, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff], [0xffff_ffff, 0xffff_ffff],
         [0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd]),
        ([0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344], [0xa409_3822, 0x299f_31d0],
         [0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1]),
    ] as [([UInt32], [UInt32], [UInt32])])
    func knownAnswers(counter: [UInt32], key: [UInt32], expected: [UInt32]) {
        let out = Philox4x32(key: (key[0], key[1])).block((counter[0], counter[1], counter[2], counter[3]))
        #expect([out.0, out.1, out.2, out.3] == expected)
    }

    /// A subject's stream is a function of (seed, subject, stream) alone: drawing other subjects first, or
    /// drawing him again, gives the same numbers; other subjects and streams differ.
    @Test func streamsAreKeyedBySubject() {
        var a = SubjectStream(seed: 42, subject: 7)
        var other = SubjectStream(seed: 42, subject: 8)
        _ = other.normals(100)
        var again = SubjectStream(seed: 42, subject: 7)
        let first = a.normals(10)
        #expect(first == again.normals(10))
        var b = SubjectStream(seed: 42, subject: 8)
        var c = SubjectStream(seed: 42, subject: 7, stream: 1)
        var d = SubjectStream(seed: 43, subject: 7)
        #expect(first != b.normals(10))
        #expect(first != c.normals(10))
        #expect(first != d.normals(10))
    }
}
