/// A question as it arrives in a bank file, validated but not yet stored.
public struct QuestionDraft: Sendable, Hashable {
    public var section: Section
    public var subType: String
    public var text: String
    /// Exactly five options, keyed A–E.
    public var options: [AnswerOption: String]
    public var correctAnswer: AnswerOption
    public var explanation: String
    public var explanationEnglish: String?
    public var strategyTip: String?
    public var relatedConcept: String?
    public var calibration: ItemCalibration

    public init(
        section: Section, subType: String, text: String, options: [AnswerOption: String],
        correctAnswer: AnswerOption, explanation: String, explanationEnglish: String?,
        strategyTip: String?, relatedConcept: String?, calibration: ItemCalibration
    ) {
        self.section = section
        self.subType = subType
        self.text = text
        self.options = options
        self.correctAnswer = correctAnswer
        self.explanation = explanation
        self.explanationEnglish = explanationEnglish
        self.strategyTip = strategyTip
        self.relatedConcept = relatedConcept
        self.calibration = calibration
    }

    /// The option text for a letter; every validated draft has all five.
    public func option(_ letter: AnswerOption) -> String {
        options[letter] ?? ""
    }
}

/// Descriptive data of a question bank (the seed's `question_banks` row).
public struct BankMetadata: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var source: String

    public init(name: String, description: String?, source: String) {
        self.name = name
        self.description = description
        self.source = source
    }
}
