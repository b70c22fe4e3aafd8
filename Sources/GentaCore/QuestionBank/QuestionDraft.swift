/// A question as it arrives in a bank file, validated but not yet stored.
public struct QuestionDraft: Sendable, Hashable {
    /// The bank's stable name for the question (`PK-014`), so a re-import recognises it.
    public var externalID: String?
    public var section: Section
    public var subType: String
    public var text: String
    /// Options and key, statements and their answers, or accepted short answers.
    public var content: QuestionContent
    /// The key of the passage the question is about, when it shares one.
    public var passageKey: String?
    public var explanation: String
    public var explanationEnglish: String?
    public var strategyTip: String?
    public var relatedConcept: String?
    public var calibration: ItemCalibration

    public init(
        externalID: String? = nil, section: Section, subType: String, text: String, content: QuestionContent,
        passageKey: String? = nil, explanation: String, explanationEnglish: String?,
        strategyTip: String?, relatedConcept: String?, calibration: ItemCalibration
    ) {
        self.externalID = externalID
        self.section = section
        self.subType = subType
        self.text = text
        self.content = content
        self.passageKey = passageKey
        self.explanation = explanation
        self.explanationEnglish = explanationEnglish
        self.strategyTip = strategyTip
        self.relatedConcept = relatedConcept
        self.calibration = calibration
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
