/// Turns one row of a bank file into a `QuestionDraft`, collecting every problem it finds.
///
/// The row format uses the schema's column names so that files, the database and exports
/// read the same: `section`, `sub_type`, `text`, `options` (object with keys A–E),
/// `correct_answer`, `explanation`, `explanation_en`, `strategy_tip`, `related_concept`,
/// `difficulty_irt`, `discrimination`, `guessing_param`.
struct QuestionRowValidator {
    static let requiredFields: Set<String> = [
        "section", "sub_type", "text", "options", "correct_answer", "explanation",
        "difficulty_irt", "discrimination", "guessing_param",
    ]
    static let optionalFields: Set<String> = ["explanation_en", "strategy_tip", "related_concept"]

    /// Column limits of the schema (VARCHAR lengths).
    static let maxOptionLength = 500
    static let maxSubTypeLength = 50
    static let maxConceptLength = 255

    let file: String?
    let row: Int
    private(set) var problems: [BankRowProblem] = []

    init(file: String?, row: Int) {
        self.file = file
        self.row = row
    }

    mutating func validate(_ value: JSONValue) -> QuestionDraft? {
        guard case .object(let fields) = value else {
            report(nil, "must be an object, found \(value.typeName)")
            return nil
        }
        for key in fields.keys.sorted()
        where !Self.requiredFields.contains(key) && !Self.optionalFields.contains(key) {
            report(key, "unknown field")
        }
        let section = string(fields, "section").flatMap { raw -> Section? in
            guard let section = Section(rawValue: raw) else {
                report("section", "must be one of PU, PK, PBM (found \"\(raw)\")")
                return nil
            }
            return section
        }
        let subType = string(fields, "sub_type", maxLength: Self.maxSubTypeLength)
        let text = string(fields, "text")
        let options = options(fields["options"])
        let answer = string(fields, "correct_answer").flatMap { raw -> AnswerOption? in
            guard let letter = AnswerOption(rawValue: raw) else {
                report("correct_answer", "must be one of A, B, C, D, E (found \"\(raw)\")")
                return nil
            }
            return letter
        }
        let explanation = string(fields, "explanation")
        let explanationEnglish = optionalString(fields, "explanation_en")
        let strategyTip = optionalString(fields, "strategy_tip")
        let concept = optionalString(fields, "related_concept", maxLength: Self.maxConceptLength)
        let b = number(fields, "difficulty_irt", in: ItemCalibration.difficultyRange)
        let a = number(fields, "discrimination", in: ItemCalibration.discriminationRange)
        let c = number(fields, "guessing_param", in: ItemCalibration.guessingRange)

        guard problems.isEmpty, let section, let subType, let text, let options, let answer,
            let explanation, let a, let b, let c
        else { return nil }
        return QuestionDraft(
            section: section, subType: subType, text: text, options: options,
            correctAnswer: answer, explanation: explanation, explanationEnglish: explanationEnglish,
            strategyTip: strategyTip, relatedConcept: concept,
            calibration: ItemCalibration(difficulty: b, discrimination: a, guessing: c)
        )
    }

    private mutating func report(_ field: String?, _ message: String) {
        problems.append(BankRowProblem(file: file, row: row, field: field, message: message))
    }

    private mutating func string(
        _ fields: [String: JSONValue], _ key: String, maxLength: Int? = nil
    ) -> String? {
        guard let value = fields[key], value != .null else {
            report(key, "is required")
            return nil
        }
        return nonEmptyString(value, key, maxLength: maxLength)
    }

    private mutating func optionalString(
        _ fields: [String: JSONValue], _ key: String, maxLength: Int? = nil
    ) -> String? {
        guard let value = fields[key], value != .null else { return nil }
        return nonEmptyString(value, key, maxLength: maxLength)
    }

    private mutating func nonEmptyString(_ value: JSONValue, _ key: String, maxLength: Int?) -> String? {
        guard case .string(let raw) = value else {
            report(key, "must be a string, found \(value.typeName)")
            return nil
        }
        let trimmed = raw.trimmingWhitespace()
        if trimmed.isEmpty {
            report(key, "must not be empty")
            return nil
        }
        if let maxLength, trimmed.count > maxLength {
            report(key, "must be at most \(maxLength) characters (found \(trimmed.count))")
            return nil
        }
        return trimmed
    }

    private mutating func number(
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
