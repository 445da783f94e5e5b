import Testing
@testable import Scenario

/// "Did you mean" suggestions. The scenario and labs fuzzers (issue 13) found inputs of a few kB whose misspelt
/// keys made the quadratic edit distance dominate the run; `nearest` now skips candidates whose length alone rules
/// them out. These tests hold it to the definition: Levenshtein distance, and the closest candidate within its
/// allowance of max(2, length/3) edits.
struct SuggestionTests {
    /// Textbook distances (kitten→sitting is 3) and the metric's identities.
    @Test func editDistanceIsLevenshtein() {
        #expect(editDistance("kitten", "sitting") == 3)
        #expect(editDistance("flaw", "lawn") == 2)
        #expect(editDistance("", "abc") == 3)
        #expect(editDistance("abc", "") == 3)
        #expect(editDistance("dose", "dose") == 0)
        #expect(editDistance("dsoe", "dose") == editDistance("dose", "dsoe"))
    }

    /// The length filter is exact: on words near and far in length, `nearest` returns what scoring every candidate
    /// by its full distance returns.
    @Test func lengthFilterNeverChangesTheSuggestion() {
        let candidates = ["dose", "every", "duration", "drug", "start", "testosterone_ng_per_dL", "E2", "weeks"]
        func bruteForce(_ word: String) -> String? {
            candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
                .filter { $0.1 <= max(2, $0.0.count / 3) }
                .min(by: { $0.1 < $1.1 })?.0
        }
        let words = ["dsoe", "evrey", "duraton", "testosterone_ng_dL", "e3", "EVERY", "x", "", "weeksss",
                     String(repeating: "d", count: 300), "testosterone_ng_per_dL_and_more_text_beyond_it"]
        for word in words { #expect(nearest(word, among: candidates) == bruteForce(word), "word \(word)") }
        #expect(nearest("dsoe", among: candidates) == "dose")
    }

    /// A 40 000-character key, the shape the fuzzers found, gets its error and no suggestion.
    @Test func hugeMisspeltKeyHasNoSuggestion() {
        let key = String(repeating: "tot%al_motile_count", count: 2000)
        #expect(didYouMean(key, among: ["total_motile_count_M", "testosterone_ng_per_dL"]) == "")
    }
}
