import Foundation

/// Writes questions and their passages in the import formats, so an export imports back into
/// the same questions: CSV with every column of `QuestionFileReader.csvColumns` (a passage's
/// columns filled on its first question), or JSON Lines with the passages first.
public enum QuestionFileWriter {
    public static func write(_ questions: [QuestionDraft], passages: [PassageDraft], as format: QuestionFileFormat) throws -> Data {
        switch format {
        case .csv: Data(try csv(questions, passages: passages).utf8)
        case .jsonl: try jsonLines(questions, passages: passages)
        }
    }

    static func csv(_ questions: [QuestionDraft], passages: [PassageDraft]) throws -> String {
        let byKey = Dictionary(passages.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var defined: Set<String> = []
        var text = CSVTable.line(QuestionFileReader.csvColumns)
        for question in questions {
            var cells = try fields(of: question).compactMapValues { value -> String? in
                switch value {
                case .null: nil
                case .string(let text): text
                case .number(let number): number.description
                default: try cell(value)
                }
            }
            if case .object(let options)? = fields(ofOptions: question) {
                for (letter, option) in options { if case .string(let text) = option { cells["option_" + letter.lowercased()] = text } }
            }
            if let key = question.passageKey, let passage = byKey[key], defined.insert(key).inserted {
                cells["passage_title"] = passage.title
                cells["passage_text"] = passage.text
                cells["passage_table"] = try passage.table.map { try cell(tableValue($0)) }
                cells["passage_figure_reference"] = passage.figureReference
            }
            text += CSVTable.line(QuestionFileReader.csvColumns.map { cells[$0] ?? "" })
        }
        return text
    }

    static func jsonLines(_ questions: [QuestionDraft], passages: [PassageDraft]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var lines: [Data] = []
        for passage in passages {
            var fields: [String: JSONValue] = ["kind": .string("passage"), "key": .string(passage.key),
                "section": .string(passage.section.rawValue), "text": .string(passage.text)]
            fields["title"] = passage.title.map(JSONValue.string)
            fields["table"] = passage.table.map(tableValue)
            fields["figure_reference"] = passage.figureReference.map(JSONValue.string)
            lines.append(try encoder.encode(JSONValue.object(fields)))
        }
        for question in questions {
            lines.append(try encoder.encode(object(question)))
        }
        return lines.reduce(into: Data()) { $0.append($1); $0.append(0x0A) }
    }

    /// A question as one JSON object, as a JSON Lines file holds it (also a revision's snapshot).
    public static func object(_ question: QuestionDraft) -> JSONValue {
        var row = fields(of: question)
        if let options = fields(ofOptions: question) { row["options"] = options }
        return .object(row.filter { $0.value != .null })
    }

    /// A question's fields as the validator reads them, without the options object.
    static func fields(of question: QuestionDraft) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [
            "section": .string(question.section.rawValue), "sub_type": .string(question.subType),
            "format": .string(question.content.format.rawValue), "text": .string(question.text),
            "explanation": .string(question.explanation),
            "difficulty_irt": .number(question.calibration.difficulty),
            "discrimination": .number(question.calibration.discrimination),
            "guessing_param": .number(question.calibration.guessing),
        ]
        fields["external_id"] = question.externalID.map(JSONValue.string)
        fields["passage_key"] = question.passageKey.map(JSONValue.string)
        fields["explanation_en"] = question.explanationEnglish.map(JSONValue.string)
        fields["strategy_tip"] = question.strategyTip.map(JSONValue.string)
        fields["related_concept"] = question.relatedConcept.map(JSONValue.string)
        // Written only for pretest questions: operational is the default, and files stay as they were.
        if question.calibration.isPretest { fields["calibration_status"] = .string("pretest") }
        switch question.content {
        case .multipleChoice(_, let key):
            fields["correct_answer"] = .string(key.rawValue)
        case .complex(let labels, let statements):
            fields["labels"] = .array(labels.map(JSONValue.string))
            fields["statements"] = .array(statements.map { .object(["text": .string($0.text), "answer": .string($0.answer)]) })
        case .shortAnswer(let accepted):
            fields["accepted_answers"] = .array(accepted.map(JSONValue.string))
        }
        return fields
    }

    static func fields(ofOptions question: QuestionDraft) -> JSONValue? {
        guard case .multipleChoice(let options, _) = question.content else { return nil }
        return .object(Dictionary(uniqueKeysWithValues: options.map { ($0.key.rawValue, JSONValue.string($0.value)) }))
    }

    static func tableValue(_ table: PassageTable) -> JSONValue {
        .object(["columns": .array(table.columns.map(JSONValue.string)),
                 "rows": .array(table.rows.map { .array($0.map(JSONValue.string)) })])
    }

    /// A structured value as the JSON text of one cell.
    static func cell(_ value: JSONValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
