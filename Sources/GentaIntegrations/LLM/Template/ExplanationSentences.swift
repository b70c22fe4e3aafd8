import Foundation

/// An explanation cut into sentences, to quote some and find the one about a given option.
struct ExplanationSentences {
    let sentences: [String]

    init(_ text: String) {
        var sentences: [String] = []
        var current = ""
        var previous: Character?
        for character in text {
            // A sentence ends at . ! ? followed by whitespace; "3.5" and "dll.," stay whole.
            if character.isWhitespace, let previous, ".!?".contains(previous) {
                if let sentence = current.nonBlank { sentences.append(sentence) }
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        if let sentence = current.nonBlank { sentences.append(sentence) }
        self.sentences = sentences
    }

    /// The first sentence naming `optionText` as a whole word (ignoring case and accents); nil
    /// for option texts under three characters, which would match by accident.
    func first(mentioning optionText: String) -> String? {
        guard let needle = Self.needle(optionText) else { return nil }
        return sentences.first { Self.containsWord(needle, in: Self.folded($0)) }
    }

    /// An option's text folded for searching; nil under three characters ("5", "B"), which
    /// would match by accident.
    private static func needle(_ optionText: String) -> String? {
        let needle = folded(optionText.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)))
        return needle.count >= 3 ? needle : nil
    }

    /// Up to `count` sentences from the start that name none of `avoiding` (the other options:
    /// the reason for the key reads best without the asides about distractors), together at
    /// most `limit` characters (the first one is cut if it alone is longer). When every sentence
    /// names one, the first sentence.
    func leading(_ count: Int, avoiding optionTexts: [String], limit: Int) -> String {
        let needles = optionTexts.compactMap(Self.needle)
        let candidates = sentences.filter { sentence in
            let folded = Self.folded(sentence)
            return !needles.contains { Self.containsWord($0, in: folded) }
        }
        var chosen: [String] = []
        var length = 0
        for sentence in candidates.isEmpty ? Array(sentences.prefix(1)) : candidates {
            if chosen.count == count { break }
            if !chosen.isEmpty, length + sentence.count + 1 > limit { break }
            chosen.append(sentence)
            length += sentence.count + 1
        }
        return Self.bounded(chosen.joined(separator: " "), limit: limit)
    }

    /// `text` cut to `limit` characters at a word boundary.
    static func bounded(_ text: String, limit: Int) -> String {
        PlainText.truncated(text, to: limit)
    }

    private static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
    }

    private static func containsWord(_ word: String, in text: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: word, range: searchRange) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            let isBoundary = { (character: Character?) in character.map { !$0.isLetter && !$0.isNumber } ?? true }
            if isBoundary(before), isBoundary(after) { return true }
            searchRange = found.upperBound..<text.endIndex
        }
        return false
    }
}
