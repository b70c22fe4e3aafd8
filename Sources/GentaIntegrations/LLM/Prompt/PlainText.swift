/// Makes model output safe to store and return as plain text. The prompt asks for plain text,
/// but models still emit markdown now and then, and a compromised or confused server could send
/// markup: clients must still escape what they show, this only keeps the stored text clean.
public enum PlainText {
    /// Longer input is cut before any processing, so a runaway answer costs bounded work.
    static let inputLimit = 32_768

    /// `text` without HTML (script and style elements with their content, comments, tags of
    /// known HTML elements; entities decoded first so that escaped markup goes too), without
    /// markdown emphasis, headings and code marks, without control and invisible formatting
    /// characters; spaces collapsed within lines, at most one blank line between paragraphs,
    /// trimmed; then cut to `maxLength` characters at a word boundary, ending in "…".
    ///
    /// Only tags of known element names are removed, so that comparisons in mathematics
    /// ("x<y dan y>z") survive.
    public static func sanitize(_ text: String, maxLength: Int = PromptTemplates.maxCharacters) -> String {
        var text = String(text.prefix(inputLimit))
        // Each rewrite runs only when its trigger character occurs: building the patterns costs
        // about 2 ms a call (measured, bench/feedback), and most replies are plain prose.
        if text.contains("&") { text = decodingEntities(text) }
        if text.contains("<") { text = removingMarkup(text) }
        if text.contains(where: { "*_`[#>".contains($0) }) { text = removingMarkdown(text) }
        text = removingControlCharacters(text)
        text = collapsingWhitespace(text)
        return truncated(text, to: maxLength)
    }

    static func decodingEntities(_ text: String) -> String {
        text.replacing(#/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/#) { match in
            let name = String(match.output.1)
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                    ?? String(match.output.0)
            }
            if name.hasPrefix("#") {
                return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) } ?? String(match.output.0)
            }
            let named = ["lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'", "nbsp": " "]
            return named[name.lowercased()] ?? String(match.output.0)
        }
    }

    static func removingMarkup(_ text: String) -> String {
        text
            // Elements whose content is code, not prose; an unclosed one runs to the end.
            .replacing(#/(?is)<(script|style|iframe|object|svg|template|noscript)\b.*?(</\1\s*>|\z)/#, with: "")
            .replacing(#/(?s)<!--.*?(-->|\z)/#, with: "")
            // Line-breaking elements become line breaks, so that paragraphs stay apart.
            .replacing(#/(?i)<(br|/p|/div|/li|/h[1-6]|/tr|hr)\b[^<>]*>/#, with: "\n")
            // Tags of elements likely in model output; other "<…>" may be mathematics.
            .replacing(
                #/(?i)</?(a|abbr|b|blockquote|body|br|button|caption|center|cite|code|col|dd|del|details|div|dl|dt|em|embed|figcaption|figure|font|form|h[1-6]|head|hr|html|i|img|input|ins|kbd|label|li|link|mark|meta|ol|option|p|pre|q|s|samp|select|small|span|strike|strong|sub|summary|sup|table|tbody|td|textarea|tfoot|th|thead|title|tr|tt|u|ul|var|video|audio|source|base)\b[^<>]*>/#,
                with: "")
    }

    static func removingMarkdown(_ text: String) -> String {
        text
            .replacing(#/\*\*|__|`+/#, with: "")
            // [label](https://…) keeps its label; the address is not feedback.
            .replacing(#/\[([^\]\n]+)\]\([^)\s]*\)/#) { String($0.output.1) }
            .replacing(#/(?m)^[ \t]*(#{1,6}|>)[ \t]+/#, with: "")
            .replacing(#/(?m)^([ \t]*)\*[ \t]+/#) { "\($0.output.1)- " }
    }

    static func removingControlCharacters(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\n":
                if !previousWasCarriageReturn { scalars.append("\n") }
            case "\r", "\u{2028}", "\u{2029}", "\u{0085}":
                scalars.append("\n")
            case "\t":
                scalars.append(" ")
            case "\u{200D}":
                // The zero-width joiner holds emoji sequences together; alone it is harmless.
                scalars.append(scalar)
            default:
                // Cc: C0/C1 controls. Cf: invisible formatting, including the bidirectional
                // overrides that make text read differently from how it is stored.
                switch scalar.properties.generalCategory {
                case .control, .format, .surrogate, .privateUse, .unassigned: continue
                default: scalars.append(scalar)
                }
            }
        }
        return String(scalars)
    }

    static func collapsingWhitespace(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        var kept: [String] = []
        for line in lines {
            // At most one blank line in a row, and none at the start.
            if line.isEmpty, kept.last?.isEmpty ?? true { continue }
            kept.append(line)
        }
        while kept.last?.isEmpty == true { kept.removeLast() }
        return kept.joined(separator: "\n")
    }

    static func truncated(_ text: String, to maxLength: Int) -> String {
        guard maxLength > 0 else { return "" }
        guard text.count > maxLength else { return text }
        let head = text.prefix(maxLength - 1)
        var cut = head
        // Back to the last whitespace, unless the head already ends a word, or going back would
        // lose more than half the text (one enormous "word" is cut where it stands).
        if !text[head.endIndex].isWhitespace, let space = head.lastIndex(where: \.isWhitespace),
            head.distance(from: head.startIndex, to: space) > maxLength / 2
        {
            cut = head[..<space]
        }
        while let last = cut.last, last.isWhitespace || ",;:-".contains(last) {
            cut = cut.dropLast()
        }
        return String(cut) + "…"
    }
}
