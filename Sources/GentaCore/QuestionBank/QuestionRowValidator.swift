/// Turns one row of a bank file into a `QuestionDraft`, collecting every problem it finds.
///
/// The row format uses the schema's column names so that files, the database and exports
/// read the same: `external_id`, `section`, `sub_type`, `format`, `passage_key`, `text`,
/// `explanation`, `explanation_en`, `strategy_tip`, `related_concept`, `difficulty_irt`,
/// `discrimination`, `guessing_param`, `calibration_status` (`operational`, the default, or
/// `pretest`), and by format: `options` (object with keys A–E) and
/// `correct_answer`; `labels` and `statements`; or `accepted_answers`. A row without `format`
/// is multiple choice, as every row of the first demo bank is.
struct QuestionRowValidator {
    static let requiredFields: Set<String> = [
        "section", "sub_type", "text", "explanation", "difficulty_irt", "discrimination", "guessing_param",
    ]
    static let optionalFields: Set<String> = [
        "external_id", "format", "passage_key", "explanation_en", "strategy_tip", "related_concept",
        "calibration_status",
    ]
    /// The fields only one format has.
    static let formatFields: [QuestionFormat: Set<String>] = [
        .multipleChoice: ["options", "correct_answer"],
        .complexMultipleChoice: ["labels", "statements"],
        .shortAnswer: ["accepted_answers"],
    ]

    /// Column limits of the schema (VARCHAR lengths, counted in code points).
    static let maxOptionLength = 500
    static let maxSubTypeLength = 50
    static let maxConceptLength = 255
    static let maxExternalIDLength = 100
    static let maxStatementLength = 1_000

    let file: String?
    let row: Int?
    private(set) var problems: [BankRowProblem] = []

    init(file: String?, row: Int?) {
        self.file = file
        self.row = row
    }

    mutating func validate(_ value: JSONValue) -> QuestionDraft? {
        guard case .object(let fields) = value else {
            report(nil, "must be an object, found \(value.typeName)")
            return nil
        }
        let format = format(fields["format"])
        let known = Self.requiredFields.union(Self.optionalFields).union(format.flatMap { Self.formatFields[$0] } ?? [])
        let anyFormat = Self.formatFields.values.reduce(Set<String>()) { $0.union($1) }
        for key in fields.keys.sorted() where !known.contains(key) {
            if let format, anyFormat.contains(key) {
                report(key, "does not belong to a \(format.rawValue) question")
            } else if format != nil || !anyFormat.contains(key) {
                report(key, "unknown field")
            }
        }
        let externalID = optionalString(fields, "external_id", maxLength: Self.maxExternalIDLength)
        let section = string(fields, "section").flatMap { raw -> Section? in
            guard let section = Section(rawValue: raw) else {
                report("section", "must be one of \(Section.codeList) (found \"\(raw)\")")
                return nil
            }
            return section
        }
        var subType = string(fields, "sub_type", maxLength: Self.maxSubTypeLength)
        if let known = subType, let section, !SubTypeCatalog.isKnown(known, in: section) {
            report("sub_type", "must be one of \(section.rawValue)'s sub types: \(SubTypeCatalog.standard[section, default: []].joined(separator: ", ")) (found \"\(known)\")")
            subType = nil
        }
        let passageKey = optionalString(fields, "passage_key", maxLength: Self.maxExternalIDLength)
        let text = string(fields, "text")
        let content: QuestionContent? = switch format {
        case .multipleChoice: multipleChoice(fields)
        case .complexMultipleChoice: complex(fields)
        case .shortAnswer: shortAnswer(fields)
        case nil: nil
        }
        let explanation = string(fields, "explanation")
        let explanationEnglish = optionalString(fields, "explanation_en")
        let strategyTip = optionalString(fields, "strategy_tip")
        let concept = optionalString(fields, "related_concept", maxLength: Self.maxConceptLength)
        let b = number(fields, "difficulty_irt", in: ItemCalibration.difficultyRange)
        let a = number(fields, "discrimination", in: ItemCalibration.discriminationRange)
        let c = number(fields, "guessing_param", in: ItemCalibration.guessingRange)
        let isPretest = calibrationStatus(fields["calibration_status"])

        guard problems.isEmpty, let section, let subType, let text, let content,
            let explanation, let a, let b, let c, let isPretest
        else { return nil }
        return QuestionDraft(
            externalID: externalID, section: section, subType: subType, text: text, content: content,
            passageKey: passageKey, explanation: explanation, explanationEnglish: explanationEnglish,
            strategyTip: strategyTip, relatedConcept: concept,
            calibration: ItemCalibration(difficulty: b, discrimination: a, guessing: c, isPretest: isPretest).asStored
        )
    }

    /// Whether the row is a pretest question; absent means operational. Nil (reported) when the
    /// value is neither word.
    private mutating func calibrationStatus(_ value: JSONValue?) -> Bool? {
        guard let value, value != .null else { return false }
        switch value {
        case .string("operational"): return false
        case .string("pretest"): return true
        default:
            report("calibration_status", "must be \"operational\" or \"pretest\"")
            return nil
        }
    }

    /// The row's format; absent means multiple choice. Nil (reported) when it is not one.
    private mutating func format(_ value: JSONValue?) -> QuestionFormat? {
        guard let value, value != .null else { return .multipleChoice }
        guard let raw = nonEmptyString(value, "format", maxLength: nil) else { return nil }
        guard let format = QuestionFormat(rawValue: raw) else {
            report("format", "must be one of \(QuestionFormat.allCases.map(\.rawValue).joined(separator: ", ")) (found \"\(raw)\")")
            return nil
        }
        return format
    }

    private mutating func multipleChoice(_ fields: [String: JSONValue]) -> QuestionContent? {
        let options = options(fields["options"])
        let answer = string(fields, "correct_answer").flatMap { raw -> AnswerOption? in
            guard let letter = AnswerOption(rawValue: raw) else {
                report("correct_answer", "must be one of A, B, C, D, E (found \"\(raw)\")")
                return nil
            }
            return letter
        }
        guard let options, let answer else { return nil }
        return .multipleChoice(options: options, key: answer)
    }

    private mutating func complex(_ fields: [String: JSONValue]) -> QuestionContent? {
        let labels = stringArray(fields, "labels", count: 2...2, maxLength: StudentResponse.maximumLabelLength)
        if let labels, Set(labels).count != labels.count {
            report("labels", "must be two different labels")
            return nil
        }
        guard let value = fields["statements"], value != .null else {
            report("statements", "is required")
            return nil
        }
        guard case .array(let rows) = value, (2...StudentResponse.maximumStatements).contains(rows.count) else {
            report("statements", "must be an array of 2 to \(StudentResponse.maximumStatements) statements")
            return nil
        }
        var statements: [QuestionContent.Statement] = []
        for (index, row) in rows.enumerated() {
            let field = "statements[\(index + 1)]"
            guard case .object(let parts) = row, Set(parts.keys) == ["text", "answer"] else {
                report(field, "must be an object with exactly \"text\" and \"answer\"")
                continue
            }
            guard let text = nonEmptyString(parts["text"]!, "\(field).text", maxLength: Self.maxStatementLength),
                let answer = nonEmptyString(parts["answer"]!, "\(field).answer", maxLength: StudentResponse.maximumLabelLength)
            else { continue }
            if let labels, !labels.contains(answer) {
                report("\(field).answer", "must be one of the labels (\(labels.joined(separator: ", ")))")
                continue
            }
            statements.append(.init(text: text, answer: answer))
        }
        guard let labels, statements.count == rows.count else { return nil }
        return .complex(labels: labels, statements: statements)
    }

    private mutating func shortAnswer(_ fields: [String: JSONValue]) -> QuestionContent? {
        guard let accepted = stringArray(fields, "accepted_answers", count: 1...10, maxLength: ShortAnswer.maximumLength)
        else { return nil }
        for (index, answer) in accepted.enumerated() where ShortAnswer.normalised(answer) == nil {
            report("accepted_answers[\(index + 1)]", "cannot be compared with an answer")
        }
        return .shortAnswer(accepted: accepted)
    }

    private mutating func stringArray(
        _ fields: [String: JSONValue], _ key: String, count: ClosedRange<Int>, maxLength: Int
    ) -> [String]? {
        guard let value = fields[key], value != .null else {
            report(key, "is required")
            return nil
        }
        guard case .array(let items) = value, count.contains(items.count) else {
            report(key, count.lowerBound == count.upperBound
                ? "must be an array of \(count.lowerBound) strings"
                : "must be an array of \(count.lowerBound) to \(count.upperBound) strings")
            return nil
        }
        let strings = items.enumerated().compactMap { index, item in
            nonEmptyString(item, "\(key)[\(index + 1)]", maxLength: maxLength)
        }
        guard strings.count == items.count else { return nil }
        if let bad = strings.firstIndex(where: { $0.contains("\n") }) {
            report("\(key)[\(bad + 1)]", "must be on one line")
            return nil
        }
        return strings
    }

    mutating func report(_ field: String?, _ message: String) {
        problems.append(BankRowProblem(file: file, row: row, field: field, message: message))
    }

    mutating func string(
        _ fields: [String: JSONValue], _ key: String, maxLength: Int? = nil
    ) -> String? {
        guard let value = fields[key], value != .null else {
            report(key, "is required")
            return nil
        }
        return nonEmptyString(value, key, maxLength: maxLength)
    }

    mutating func optionalString(
        _ fields: [String: JSONValue], _ key: String, maxLength: Int? = nil
    ) -> String? {
        guard let value = fields[key], value != .null else { return nil }
        return nonEmptyString(value, key, maxLength: maxLength)
    }

    mutating func nonEmptyString(_ value: JSONValue, _ key: String, maxLength: Int?) -> String? {
        guard case .string(let raw) = value else {
            report(key, "must be a string, found \(value.typeName)")
            return nil
        }
        let trimmed = raw.trimmingWhitespace()
        if trimmed.isEmpty {
            report(key, "must not be empty")
            return nil
        }
        if trimmed.unicodeScalars.contains("\u{0}") {
            report(key, "must not contain a NUL character")
            return nil
        }
        if let maxLength, trimmed.unicodeScalars.count > maxLength {
            report(key, "must be at most \(maxLength) characters (found \(trimmed.unicodeScalars.count))")
            return nil
        }
        return trimmed
    }

    mutating func number(
        _ fields: [String: JSONValue], _ key: String, in range: ClosedRange<Double>
    ) -> Double? {
        guard let value = fields[key], value != .null else {
            report(key, "is required")
            return nil
        }
        guard case .number(let number) = value else {
            report(key, "must be a number, found \(value.typeName)")
            return nil
        }
        guard range.contains(number) else {
            report(key, "must be between \(range.lowerBound) and \(range.upperBound) (found \(number))")
            return nil
        }
        return number
    }

    private mutating func options(_ value: JSONValue?) -> [AnswerOption: String]? {
        guard let value, value != .null else {
            report("options", "is required")
            return nil
        }
        guard case .object(let raw) = value else {
            report("options", "must be an object with keys A–E, found \(value.typeName)")
            return nil
        }
        let keys = Set(raw.keys)
        let expected = Set(AnswerOption.allCases.map(\.rawValue))
        guard keys == expected else {
            let missing = expected.subtracting(keys).sorted()
            let extra = keys.subtracting(expected).sorted()
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing \(missing.joined(separator: ", "))") }
            if !extra.isEmpty { parts.append("unexpected \(extra.joined(separator: ", "))") }
            report("options", "must have exactly the keys A, B, C, D, E (\(parts.joined(separator: "; ")))")
            return nil
        }
        var options: [AnswerOption: String] = [:]
        var seen: [String: AnswerOption] = [:]
        for letter in AnswerOption.allCases {
            guard let text = nonEmptyString(raw[letter.rawValue]!, "options.\(letter.rawValue)",
                maxLength: Self.maxOptionLength)
            else { continue }
            // Case matters: spelling questions (EYD capitalisation) differ only in case.
            let normalised = text
            if let earlier = seen[normalised] {
                report("options.\(letter.rawValue)", "repeats option \(earlier.rawValue)")
                continue
            }
            seen[normalised] = letter
            options[letter] = text
        }
        return options.count == AnswerOption.allCases.count ? options : nil
    }
}
