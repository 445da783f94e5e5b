import Foundation
import Testing
@testable import Scenario

/// JSON text must parse back (RFC 8259) to the same values, with non-finite numbers as null.
@Suite struct JSONTextTests {
    @Test func stringsWithQuotesBackslashesAndControlCharactersRoundTrip() throws {
        let text = "a \"quoted\" \\ path\nline\ttab \u{01} end – ü"
        let line = JSONText.object(["s": JSONText.string(text)])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(parsed["s"] == text)
    }

    @Test func numbersKeepTheirValueAndNonFiniteBecomesNull() throws {
        let line = JSONText.object([
            "x": JSONText.number(0.1 + 0.2), "tiny": JSONText.number(1e-300), "nan": JSONText.number(.nan),
            "inf": JSONText.number(.infinity), "missing": JSONText.number(nil), "v": JSONText.array([1.5, -2]),
        ])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        // Exact round trip through Swift's own parser (Foundation's JSON parser on Linux rounds the last digit).
        #expect(Double(JSONText.number(0.1 + 0.2)) == 0.1 + 0.2)
        #expect(abs((parsed["x"] as? Double ?? 0) - 0.3) < 1e-15)
        #expect(parsed["tiny"] as? Double == 1e-300)
        #expect(parsed["nan"] is NSNull && parsed["inf"] is NSNull && parsed["missing"] is NSNull)
        #expect(parsed["v"] as? [Double] == [1.5, -2])
    }
}
