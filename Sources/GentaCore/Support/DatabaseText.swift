/// Text as the database counts and stores it.
///
/// PostgreSQL's `VARCHAR(n)` counts code points (Unicode scalars), not the grapheme clusters
/// Swift's `count` sees: "👍🏽" is one character but two code points, so a name that passes a
/// `count` check can still be refused by PostgreSQL while SQLite, which ignores `n`, keeps it.
/// PostgreSQL also refuses NUL in text outright. Checking here keeps both databases alike.
public enum DatabaseText {
    public enum Problem: Error, Sendable, Equatable {
        case empty
        case tooLong(maximum: Int)
        case controlCharacter
    }

    /// The text trimmed of surrounding white space, or why the database cannot take it:
    /// empty, longer than `maximum` code points, or holding a control character (NUL among them).
    public static func checked(_ text: String, maximum: Int) -> Result<String, Problem> {
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty { return .failure(.empty) }
        if containsControlCharacter(trimmed) { return .failure(.controlCharacter) }
        if trimmed.unicodeScalars.count > maximum { return .failure(.tooLong(maximum: maximum)) }
        return .success(trimmed)
    }

    /// What can be kept of text from a source that cannot be refused (an identity provider):
    /// control characters removed, white space trimmed, cut to at most `maximum` code points
    /// without splitting a character. Nil when nothing is left.
    public static func fitting(_ text: String, maximum: Int) -> String? {
        var kept = String(String.UnicodeScalarView(text.unicodeScalars.filter { !isControl($0) })).trimmingWhitespace()
        if kept.unicodeScalars.count > maximum {
            var cut = ""
            var used = 0
            for character in kept {
                let size = character.unicodeScalars.count
                guard used + size <= maximum else { break }
                cut.append(character)
                used += size
            }
            kept = cut.trimmingWhitespace()
        }
        return kept.isEmpty ? nil : kept
    }

    /// Text kept whole for the record (a raw webhook body): only NUL, which PostgreSQL cannot
    /// store, is replaced (by U+FFFD).
    public static func storable(_ text: String) -> String {
        guard text.utf8.contains(0) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : $0 }))
    }

    /// True when the text holds a C0 or C1 control character or DEL (Unicode category Cc).
    public static func containsControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isControl)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control
    }
}
