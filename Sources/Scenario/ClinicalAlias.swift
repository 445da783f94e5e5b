/// Clinical shorthand accepted wherever the full word is (issue 12): lab and observable abbreviations,
/// routes and weekdays, matched without regard to case (written here as clinicians write them, which is
/// how "did you mean" offers them). An alias stands for one word, and is accepted only
/// where that word is (so `T` means testosterone among labs and nothing among regimen keys).
public enum ClinicalAlias {
    static let words: [String: String] = [
        // Labs and observables, as clinicians write them.
        "E2": "estradiol", "T": "testosterone", "TT": "testosterone", "FT": "free_testosterone",
        "BT": "bioavailable_testosterone", "bioT": "bioavailable_testosterone", "ITT": "intratesticular_T",
        "T/E2": "T_E2_ratio", "T_E2": "T_E2_ratio",
        // Routes.
        "PO": "oral", "by mouth": "oral", "intramuscular": "im", "subcutaneous": "sc", "intravenous": "iv",
        "topical": "transdermal",
        // Weekdays.
        "Mon": "monday", "Tue": "tuesday", "Tues": "tuesday", "Wed": "wednesday", "Thu": "thursday",
        "Thur": "thursday", "Thurs": "thursday", "Fri": "friday", "Sat": "saturday", "Sun": "sunday",
    ]

    /// `word` itself when it is a candidate, else the candidate its alias stands for (any case), else nil.
    public static func canonical(_ word: String, among candidates: [String]) -> String? {
        if candidates.contains(word) { return word }
        guard let meaning = words.first(where: { $0.key.lowercased() == word.lowercased() })?.value else { return nil }
        return candidates.first { $0.lowercased() == meaning.lowercased() }
    }

    /// The aliases that stand for one of `candidates`: offered in "did you mean" beside the full words.
    public static func aliases(of candidates: [String]) -> [String] {
        let lowered = Set(candidates.map { $0.lowercased() })
        return words.filter { lowered.contains($0.value.lowercased()) }.map(\.key).sorted()
    }
}

extension ScenarioCatalog {
    /// `word` when it is one of `candidates`, else the candidate its clinical shorthand stands for (`E2` →
    /// estradiol), else nil: how command-line options read names as scenario files do.
    public static func canonicalName(_ word: String, among candidates: [String]) -> String? {
        ClinicalAlias.canonical(word, among: candidates)
    }
}
