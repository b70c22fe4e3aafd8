import GentaCore

/// Everything feedback on one answered question is written from. Built by the server after the
/// attempt is recorded, so the key and the explanation may be shown.
public struct FeedbackRequest: Sendable, Equatable {
    /// The question as the student saw it.
    public var questionText: String
    /// The five options, A to E.
    public var options: [AnswerOption: String]
    /// The option the student chose.
    public var studentAnswer: AnswerOption
    /// The keyed option.
    public var correctAnswer: AnswerOption
    /// The bank's explanation of the key, in the requested language where the bank has one.
    public var explanation: String?
    /// The bank's strategy tip for questions of this kind.
    public var strategyTip: String?
    /// The bank's concept slug (`analogi_keadaan_tindakan`) or name, to suggest for review.
    public var relatedConcept: String?
    /// The exam section the question belongs to.
    public var section: Section
    /// The bank's sub type within the section (`analogi`, `deret_angka`…).
    public var subType: String?
    /// The student's ability in `section`, as a band.
    public var level: StudentLevel
    /// The language to write the feedback in.
    public var language: FeedbackLanguage

    /// Whether the student chose the key.
    public var isCorrect: Bool { studentAnswer == correctAnswer }

    public init(
        questionText: String, options: [AnswerOption: String], studentAnswer: AnswerOption,
        correctAnswer: AnswerOption, explanation: String?, strategyTip: String?, relatedConcept: String?,
        section: Section, subType: String?, level: StudentLevel, language: FeedbackLanguage
    ) {
        self.questionText = questionText
        self.options = options
        self.studentAnswer = studentAnswer
        self.correctAnswer = correctAnswer
        self.explanation = explanation
        self.strategyTip = strategyTip
        self.relatedConcept = relatedConcept
        self.section = section
        self.subType = subType
        self.level = level
        self.language = language
    }

    /// The same, with the level derived from the student's θ for the section
    /// (see `StudentLevel.init(theta:)`).
    public init(
        questionText: String, options: [AnswerOption: String], studentAnswer: AnswerOption,
        correctAnswer: AnswerOption, explanation: String?, strategyTip: String?, relatedConcept: String?,
        section: Section, subType: String?, theta: Double, language: FeedbackLanguage
    ) {
        self.init(
            questionText: questionText, options: options, studentAnswer: studentAnswer,
            correctAnswer: correctAnswer, explanation: explanation, strategyTip: strategyTip,
            relatedConcept: relatedConcept, section: section, subType: subType,
            level: StudentLevel(theta: theta), language: language)
    }

    /// The text of `option`, or an empty string when the bank gave none.
    public func text(of option: AnswerOption) -> String {
        options[option] ?? ""
    }
}
