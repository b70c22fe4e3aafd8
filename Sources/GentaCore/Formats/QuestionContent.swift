/// What a question asks and how it is keyed, by format.
///
/// The key lives here beside the text the student sees; ``served`` is the only view of a
/// question handed out before it is answered, and it holds no key in any format.
public enum QuestionContent: Sendable, Hashable {
    case multipleChoice(options: [AnswerOption: String], key: AnswerOption)
    /// `labels` are the two answers every row chooses between; each statement names its label.
    case complex(labels: [String], statements: [Statement])
    /// Accepted answers, compared by ``ShortAnswer``.
    case shortAnswer(accepted: [String])

    /// One row of a complex multiple-choice table.
    public struct Statement: Sendable, Hashable, Codable {
        public var text: String
        /// The keyed label of this row.
        public var answer: String

        public init(text: String, answer: String) {
            self.text = text
            self.answer = answer
        }
    }

    public var format: QuestionFormat {
        switch self {
        case .multipleChoice: .multipleChoice
        case .complex: .complexMultipleChoice
        case .shortAnswer: .shortAnswer
        }
    }

    /// What the student sees: options, or the labels and the statements without their answers.
    public var served: ServedContent {
        switch self {
        case .multipleChoice(let options, _): .multipleChoice(options: options)
        case .complex(let labels, let statements): .complex(labels: labels, statements: statements.map(\.text))
        case .shortAnswer: .shortAnswer
        }
    }

    /// The key as shown once the question is answered.
    public var key: AnswerKey {
        switch self {
        case .multipleChoice(_, let key): .choice(key)
        case .complex(_, let statements): .statements(statements.map(\.answer))
        case .shortAnswer(let accepted): .accepted(accepted)
        }
    }

    /// Whether a response of the right shape is right. Call ``check(_:)`` first: a response of
    /// another format is simply wrong here.
    public func grade(_ response: StudentResponse) -> Bool {
        switch (self, response) {
        case (.multipleChoice(_, let key), .choice(let chosen)):
            chosen == key
        case (.complex(_, let statements), .statements(let answers)):
            answers == statements.map(\.answer)
        case (.shortAnswer(let accepted), .text(let text)):
            ShortAnswer.matches(text, accepted: accepted)
        default:
            false
        }
    }

    /// Why a response cannot be graded against this question, in words for the student; nil
    /// when its shape fits (right or wrong is another matter).
    public func check(_ response: StudentResponse) -> String? {
        switch (self, response) {
        case (.multipleChoice, .choice):
            return nil
        case (.complex(let labels, let statements), .statements(let answers)):
            guard answers.count == statements.count else {
                return "This question has \(statements.count) statements; answer every one of them "
                    + "(\(answers.count) given)."
            }
            if let bad = answers.firstIndex(where: { !labels.contains($0) }) {
                return "Statement \(bad + 1) must be answered \(labels.map { "\"\($0)\"" }.joined(separator: " or "))."
            }
            return nil
        case (.shortAnswer, .text):
            return nil
        case (_, _):
            return "This is a \(format.rawValue.replacingOccurrences(of: "_", with: " ")) question; "
                + "answer it with \(format.answerField)."
        }
    }
}

extension QuestionFormat {
    /// The request field that answers a question of this format.
    public var answerField: String {
        switch self {
        case .multipleChoice: "selected_answer"
        case .complexMultipleChoice: "statement_answers"
        case .shortAnswer: "short_answer"
        }
    }
}

/// A question's content as served: no key in any format.
public enum ServedContent: Sendable, Hashable {
    case multipleChoice(options: [AnswerOption: String])
    case complex(labels: [String], statements: [String])
    case shortAnswer

    public var format: QuestionFormat {
        switch self {
        case .multipleChoice: .multipleChoice
        case .complex: .complexMultipleChoice
        case .shortAnswer: .shortAnswer
        }
    }
}

/// The key of a question, revealed once it is answered.
public enum AnswerKey: Sendable, Hashable {
    case choice(AnswerOption)
    /// The keyed label of every statement, in order.
    case statements([String])
    case accepted([String])
}
