import Foundation
import IRT

/// How one question performs, from each student's first answer to it (the seed's Query 9,
/// corrected: counted from the answers, not from counters nobody updates; next to the rate the
/// IRT parameters predict; with discrimination, distractors, time, ratings and reports).
///
/// Only a student's first answer counts: a second answer comes after seeing the key and the
/// explanation, and says more about memory than about the question.
public struct ItemAnalysis: Sendable, Equatable {
    public enum Assessment: String, Sendable, CaseIterable {
        case tooEasy = "TOO_EASY"
        case tooHard = "TOO_HARD"
        case optimal = "OPTIMAL"
        case acceptable = "ACCEPTABLE"
        /// Fewer students than the minimum sample: no statistical verdict yet.
        case insufficientData = "INSUFFICIENT_DATA"
    }

    public enum Flag: String, Sendable, CaseIterable, Comparable {
        case tooEasy = "too_easy"
        case tooHard = "too_hard"
        /// Right and wrong answers barely depend on ability.
        case lowDiscrimination = "low_discrimination"
        /// Weaker students do better than stronger ones: most often a wrong key.
        case possibleMiskey = "possible_miskey"
        /// A distractor almost nobody picks: it does not distract.
        case unusedDistractor = "unused_distractor"
        /// The strongest students pick a distractor more often than the key.
        case distractorAttractsStrong = "distractor_attracts_strong"
        /// The correct rate is far from what the IRT parameters predict: recalibrate.
        case misfit
        /// Students rated the explanation (through AI feedback) unhelpful more often than not.
        case unhelpfulExplanation = "unhelpful_explanation"
        /// Students reported a wrong key that no reviewer has answered yet.
        case reportedWrongKey = "reported_wrong_key"

        public static func < (lhs: Flag, rhs: Flag) -> Bool {
            (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
        }
    }

    /// One student's first answer.
    public struct Response: Sendable {
        public var isCorrect: Bool
        /// The letter picked, for a multiple-choice question.
        public var choice: String?
        /// The student's current ability in the subtest (what discrimination is measured against).
        public var ability: Double
        /// Their ability before answering (what the IRT-expected rate is computed at).
        public var abilityBefore: Double
        public var seconds: Int

        public init(isCorrect: Bool, choice: String?, ability: Double, abilityBefore: Double, seconds: Int) {
            self.isCorrect = isCorrect
            self.choice = choice
            self.ability = ability
            self.abilityBefore = abilityBefore
            self.seconds = seconds
        }
    }

    public struct Option: Sendable, Equatable, Codable {
        public var letter: String
        public var isKey: Bool
        public var rate: Double
        /// Mean ability of the students who picked it.
        public var meanAbility: Double?
        /// How often the strongest 27 % picked it.
        public var upperGroupRate: Double

        public init(letter: String, isKey: Bool, rate: Double, meanAbility: Double?, upperGroupRate: Double) {
            self.letter = letter
            self.isKey = isKey
            self.rate = rate
            self.meanAbility = meanAbility
            self.upperGroupRate = upperGroupRate
        }
    }

    public struct Thresholds: Sendable, Equatable {
        public var minimumSample = 30
        public var lowDiscrimination = 0.2
        public var unusedDistractorRate = 0.02
        public var misfit = 0.15
        public var minimumRatings = 5

        public init(minimumSample: Int = 30) {
            self.minimumSample = minimumSample
        }
    }

    public var students: Int
    public var correctRate: Double?
    public var expectedRate: Double?
    public var pointBiserial: Double?
    public var averageSeconds: Double?
    public var options: [Option]
    public var assessment: Assessment
    public var flags: [Flag]
    public var helpfulRatings: Int
    public var unhelpfulRatings: Int
    public var wrongKeyReports: Int

    /// An analysis as stored (`question_statistics`).
    public init(
        students: Int, correctRate: Double?, expectedRate: Double?, pointBiserial: Double?, averageSeconds: Double?,
        options: [Option], assessment: Assessment, flags: [Flag], helpfulRatings: Int, unhelpfulRatings: Int, wrongKeyReports: Int
    ) {
        self.students = students
        self.correctRate = correctRate
        self.expectedRate = expectedRate
        self.pointBiserial = pointBiserial
        self.averageSeconds = averageSeconds
        self.options = options
        self.assessment = assessment
        self.flags = flags
        self.helpfulRatings = helpfulRatings
        self.unhelpfulRatings = unhelpfulRatings
        self.wrongKeyReports = wrongKeyReports
    }

    /// The share of the strongest students that makes the upper group (Kelley's 27 %).
    static let upperGroupPercent = 27

    public init(
        responses: [Response], parameters: ItemParameters, key: AnswerOption?, helpfulRatings: Int, unhelpfulRatings: Int,
        wrongKeyReports: Int, thresholds: Thresholds = Thresholds()
    ) {
        let n = responses.count
        students = n
        self.helpfulRatings = helpfulRatings
        self.unhelpfulRatings = unhelpfulRatings
        self.wrongKeyReports = wrongKeyReports
        let count = Double(n)
        let correct = responses.filter(\.isCorrect)
        let p = n > 0 ? Double(correct.count) / count : nil
        correctRate = p
        expectedRate = n > 0 ? responses.map { parameters.probability(at: $0.abilityBefore) }.reduce(0, +) / count : nil
        averageSeconds = n > 0 ? Double(responses.map(\.seconds).reduce(0, +)) / count : nil
        pointBiserial = Self.pointBiserial(responses)
        options = key.map { Self.options(responses, key: $0) } ?? []

        var flags: Set<Flag> = []
        if wrongKeyReports > 0 { flags.insert(.reportedWrongKey) }
        if helpfulRatings + unhelpfulRatings >= thresholds.minimumRatings, unhelpfulRatings > helpfulRatings {
            flags.insert(.unhelpfulExplanation)
        }
        if let p, n >= thresholds.minimumSample {
            assessment = p > 0.85 ? .tooEasy : p < 0.30 ? .tooHard : abs(p - 0.5) < 0.15 ? .optimal : .acceptable
            if assessment == .tooEasy { flags.insert(.tooEasy) }
            if assessment == .tooHard { flags.insert(.tooHard) }
            if let r = pointBiserial {
                if r < 0 { flags.insert(.possibleMiskey) } else if r < thresholds.lowDiscrimination { flags.insert(.lowDiscrimination) }
            }
            if let expected = expectedRate, abs(p - expected) > thresholds.misfit { flags.insert(.misfit) }
            let keyUpper = options.first(where: \.isKey)?.upperGroupRate ?? 0
            for option in options where !option.isKey {
                if option.rate < thresholds.unusedDistractorRate { flags.insert(.unusedDistractor) }
                if option.upperGroupRate > keyUpper { flags.insert(.distractorAttractsStrong) }
            }
        } else {
            assessment = .insufficientData
        }
        self.flags = flags.sorted()
    }

    /// The correlation of being right with ability; nil when everyone (or no one) was right or
    /// everyone has the same ability.
    static func pointBiserial(_ responses: [Response]) -> Double? {
        let n = Double(responses.count)
        let right = responses.filter(\.isCorrect).map(\.ability)
        let wrong = responses.filter { !$0.isCorrect }.map(\.ability)
        guard !right.isEmpty, !wrong.isEmpty else { return nil }
        let mean = responses.map(\.ability).reduce(0, +) / n
        let sd = (responses.map { ($0.ability - mean) * ($0.ability - mean) }.reduce(0, +) / n).squareRoot()
        guard sd > 1e-9 else { return nil }
        let p = Double(right.count) / n
        let meanRight = right.reduce(0, +) / Double(right.count)
        let meanWrong = wrong.reduce(0, +) / Double(wrong.count)
        return (meanRight - meanWrong) / sd * (p * (1 - p)).squareRoot()
    }

    static func options(_ responses: [Response], key: AnswerOption) -> [Option] {
        let n = Double(max(responses.count, 1))
        let upperCount = max(1, (responses.count * upperGroupPercent + 50) / 100)
        let upper = responses.sorted { $0.ability > $1.ability }.prefix(upperCount)
        return AnswerOption.allCases.map { option in
            let letter = option.rawValue
            let chosen = responses.filter { $0.choice == letter }
            return Option(
                letter: letter, isKey: option == key, rate: Double(chosen.count) / n,
                meanAbility: chosen.isEmpty ? nil : chosen.map(\.ability).reduce(0, +) / Double(chosen.count),
                upperGroupRate: upper.isEmpty ? 0 : Double(upper.filter { $0.choice == letter }.count) / Double(upper.count))
        }
    }
}
