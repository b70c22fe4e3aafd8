import GentaCore

/// The answer fields of a request, one per format: exactly one must be given.
///
/// Shared by practice (`POST /attempts`) and tryouts (saving an answer), so both refuse the same
/// shapes with the same codes. Whether the shape fits the question (five options, the number of
/// statements, the labels) is the question's to say, once it is read.
struct AnswerInput: Decodable {
    let selected_answer: String?
    let statement_answers: [String]?
    let short_answer: String?

    /// The answer of a tryout save, where sending none clears a saved answer.
    func responseIfGiven() throws -> StudentResponse? {
        selected_answer == nil && statement_answers == nil && short_answer == nil ? nil : try response()
    }

    func response() throws -> StudentResponse {
        let given = [selected_answer != nil, statement_answers != nil, short_answer != nil].filter { $0 }.count
        guard given == 1 else {
            throw AppError(.badRequest, code: given == 0 ? "answer_required" : "ambiguous_answer",
                message: "Give exactly one of selected_answer (multiple choice), statement_answers (one label per statement) or short_answer.")
        }
        if let selected_answer {
            guard selected_answer.count == 1, let letter = AnswerOption(rawValue: selected_answer.uppercased()) else {
                throw AppError(.badRequest, code: "invalid_selected_answer",
                    message: "selected_answer must be one of A, B, C, D, E (got \"\(selected_answer.prefix(20))\").",
                    details: ["field": "selected_answer"])
            }
            return .choice(letter)
        }
        if let statement_answers {
            guard statement_answers.count <= StudentResponse.maximumStatements else {
                throw AppError(.badRequest, code: "invalid_statement_answers",
                    message: "statement_answers holds one label per statement, at most \(StudentResponse.maximumStatements).",
                    details: ["field": "statement_answers"])
            }
            return .statements(try statement_answers.map { label in
                try Self.text(label, field: "statement_answers", maximum: StudentResponse.maximumLabelLength)
            })
        }
        return .text(try Self.text(short_answer ?? "", field: "short_answer", maximum: ShortAnswer.maximumLength))
    }

    private static func text(_ raw: String, field: String, maximum: Int) throws -> String {
        switch DatabaseText.checked(raw, maximum: maximum) {
        case .success(let text): return text
        case .failure(.empty):
            throw AppError(.badRequest, code: "empty_answer", message: "\(field) must not be empty.", details: ["field": field])
        case .failure(.controlCharacter):
            throw Input.controlCharacter(field: field)
        case .failure(.tooLong(let maximum)):
            throw AppError(.badRequest, code: "answer_too_long",
                message: "\(field) must be at most \(maximum) characters.", details: ["field": field])
        }
    }
}
