import GentaCore

/// How the three formats appear on the wire, shared by every response that shows a question.
///
/// Fields are flat and optional (absent when they do not apply), so a client written for
/// multiple choice alone still finds `options`, `selected_answer` and `correct_answer` where
/// they always were.
enum QuestionWire {
    /// What a question shows before it is answered: `options`, or `labels` and `statements`.
    struct Shown {
        var format: String
        var options: [String: String]?
        var labels: [String]?
        var statements: [String]?

        init(_ content: ServedContent) {
            format = content.format.rawValue
            switch content {
            case .multipleChoice(let options): self.options = options.wire
            case .complex(let labels, let statements):
                self.labels = labels
                self.statements = statements
            case .shortAnswer: break
            }
        }
    }

    /// A student's answer.
    struct Answer {
        var selected_answer: String?
        var statement_answers: [String]?
        var short_answer: String?

        init(_ response: StudentResponse) {
            switch response {
            case .choice(let letter): selected_answer = letter.rawValue
            case .statements(let labels): statement_answers = labels
            case .text(let text): short_answer = text
            }
        }
    }

    /// The key, once it may be shown.
    struct Key {
        var correct_answer: String?
        var correct_statement_answers: [String]?
        var accepted_answers: [String]?

        init(_ key: AnswerKey) {
            switch key {
            case .choice(let letter): correct_answer = letter.rawValue
            case .statements(let labels): correct_statement_answers = labels
            case .accepted(let accepted): accepted_answers = accepted
            }
        }
    }
}

/// A shared reading text as served with its questions.
struct PassageResponse: Encodable {
    struct Table: Encodable {
        let columns: [String]
        let rows: [[String]]
    }
    let id: String
    let title: String?
    let text: String
    let table: Table?
    let figure_reference: String?

    init(_ passage: Passage) {
        id = passage.id.wire
        title = passage.title
        text = passage.text
        table = passage.table.map { Table(columns: $0.columns, rows: $0.rows) }
        figure_reference = passage.figureReference
    }
}
