import Foundation
import IRT

/// One subtest of one bank, recalibrated from students' answers (docs/CALIBRATION.md).
///
/// Two MML passes, so the scale never drifts:
/// 1. **Anchored.** Operational questions are held at their parameters; pretest questions are
///    free. This puts the pretest questions on the bank's scale and estimates the students'
///    ability distribution N(μ, σ²) on it. Each pretest question is then judged by
///    ``PretestPromotion``: promoted, kept as pretest, or sent for review.
/// 2. **Fixed population.** Every operational question with enough answers is free, the
///    ability distribution held at pass 1's N(μ, σ²) (pretest answers left out). A question
///    calibrated before whose new parameters moved more than their standard errors allow
///    (``ParameterDrift``) keeps its parameters and is flagged for review; one whose parameters
///    were typed by hand, never estimated, takes its first estimate.
///
/// Pure: the caller reads the answers and writes the outcome.
public struct BankCalibrator: Sendable {
    public var promotion: PretestPromotion
    public var drift: ParameterDrift
    /// An operational question needs this many students' answers to be re-estimated.
    public var minimumOperationalResponses: Int
    /// Operational questions with answers needed to anchor pass 1.
    public var minimumAnchors: Int
    /// Students needed at all.
    public var minimumStudents: Int

    public init(
        promotion: PretestPromotion = PretestPromotion(), drift: ParameterDrift = ParameterDrift(),
        minimumOperationalResponses: Int = 200, minimumAnchors: Int = 5, minimumStudents: Int = 100
    ) {
        self.promotion = promotion
        self.drift = drift
        self.minimumOperationalResponses = minimumOperationalResponses
        self.minimumAnchors = minimumAnchors
        self.minimumStudents = minimumStudents
    }

    /// A question going in: its id, stored parameters, and its last calibration's standard
    /// errors when it has been estimated before.
    public struct Item: Sendable {
        public var id: UUID
        public var calibration: ItemCalibration
        public var previousErrors: ParameterErrors?

        public init(id: UUID, calibration: ItemCalibration, previousErrors: ParameterErrors?) {
            self.id = id
            self.calibration = calibration
            self.previousErrors = previousErrors
        }

        var parameters: ItemParameters {
            ItemParameters(a: calibration.discrimination, b: calibration.difficulty, c: calibration.guessing)
        }
    }

    /// Why a calibration cannot run; nothing is changed.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Calibrates `items` from `answers` (per student, each question's first answer: item index
    /// into `items` and whether it was right).
    public func calibrate(items: [Item], answers: [[(item: Int, correct: Bool)]]) throws(Refusal) -> CalibrationOutcome {
        let students = answers.filter { !$0.isEmpty }
        guard students.count >= minimumStudents else {
            throw Refusal(description: "\(students.count) student(s) answered; a calibration needs at least \(minimumStudents)")
        }
        let all: ResponseData
        do { all = try ResponseData(itemCount: items.count, perPerson: students) } catch {
            throw Refusal(description: "the answers name a question outside the bank")
        }
        let sampleSizes = all.sampleSizes()
        var anchors: [Int: ItemParameters] = [:]
        for (i, item) in items.enumerated() where !item.calibration.isPretest && sampleSizes[i] > 0 {
            anchors[i] = item.parameters
        }
        guard anchors.count >= minimumAnchors else {
            throw Refusal(description: "\(anchors.count) operational question(s) have answers; anchoring the scale needs at least \(minimumAnchors)")
        }
        let anchored = MMLCalibrator.calibrate(all, options: CalibrationOptions(anchors: anchors))
        let population = LatentDistribution(mean: anchored.latentMean, sd: anchored.latentSD)

        let operationalOnly = students.map { $0.filter { !items[$0.item].calibration.isPretest } }
        let refit: CalibrationResult
        do {
            refit = MMLCalibrator.calibrate(
                try ResponseData(itemCount: items.count, perPerson: operationalOnly),
                options: CalibrationOptions(minimumResponses: minimumOperationalResponses, fixedLatent: population))
        } catch {
            throw Refusal(description: "the answers name a question outside the bank")
        }
        let decisions = items.indices.map { i in
            items[i].calibration.isPretest
                ? pretestDecision(items[i], anchored.items[i])
                : operationalDecision(items[i], refit.items[i], sampleSize: sampleSizes[i])
        }
        return CalibrationOutcome(
            decisions: decisions, responses: all.responseCount, students: students.count, anchors: anchors.count,
            population: population, iterations: anchored.iterations + refit.iterations,
            converged: anchored.converged && refit.converged)
    }

    private func pretestDecision(_ item: Item, _ estimate: CalibratedItem) -> CalibrationOutcome.Decision {
        var decision = CalibrationOutcome.Decision(
            questionID: item.id, outcome: .keptPretest, sampleSize: estimate.sampleSize, old: item.calibration,
            new: estimate.parameters.map { Self.stored($0, isPretest: true) }, errors: estimate.standardErrors, reason: nil)
        guard let verdict = promotion.decide(estimate) else { return decision }
        decision.reason = verdict.reason.rawValue
        switch verdict.reason {
        case .promote:
            decision.outcome = .promoted
            decision.new?.isPretest = false
        case .needsMoreResponses, .imprecise:
            decision.outcome = .keptPretest
        case .stalled, .implausibleParameters:
            decision.outcome = .reviewNeeded
            if !verdict.implausible.isEmpty {
                decision.reason = "implausible_" + verdict.implausible.map(\.rawValue).joined(separator: "_")
            }
        }
        return decision
    }

    private func operationalDecision(_ item: Item, _ estimate: CalibratedItem, sampleSize: Int) -> CalibrationOutcome.Decision {
        var decision = CalibrationOutcome.Decision(
            questionID: item.id, outcome: .insufficientData, sampleSize: sampleSize, old: item.calibration,
            new: estimate.parameters.map { Self.stored($0, isPretest: false) }, errors: estimate.standardErrors,
            reason: nil)
        guard let new = decision.new else {
            decision.reason = "fewer than \(minimumOperationalResponses) answers"
            return decision
        }
        if item.previousErrors != nil,
           let report = drift.check(old: item.parameters, recalibrated: estimate, oldStandardErrors: item.previousErrors),
           report.hasDrifted {
            decision.outcome = .driftFlagged
            decision.reason = "drifted_" + report.drifted.map(\.rawValue).joined(separator: "_")
            return decision
        }
        decision.outcome = new == item.calibration ? .unchanged : .updated
        decision.reason = item.previousErrors == nil ? "first_estimate" : nil
        return decision
    }

    /// An estimate as a question stores it (clamped into the columns' ranges and rounded).
    static func stored(_ parameters: ItemParameters, isPretest: Bool) -> ItemCalibration {
        func clamp(_ value: Double, _ range: ClosedRange<Double>) -> Double {
            value.isFinite ? min(max(value, range.lowerBound), range.upperBound) : range.lowerBound
        }
        return ItemCalibration(
            difficulty: clamp(parameters.b, ItemCalibration.difficultyRange),
            discrimination: clamp(parameters.a, ItemCalibration.discriminationRange),
            guessing: clamp(parameters.c, ItemCalibration.guessingRange), isPretest: isPretest
        ).asStored
    }
}

/// What a calibration decided for each question, and about the students.
public struct CalibrationOutcome: Sendable {
    public enum Outcome: String, Sendable, CaseIterable {
        /// An operational question took its new estimate.
        case updated
        /// Its estimate, as stored, equals what it had.
        case unchanged
        /// A pretest question became operational with its estimate.
        case promoted
        /// An operational question moved more than its standard errors allow: kept as it was.
        case driftFlagged = "drift_flagged"
        /// A pretest question stays pretest: too few answers or too imprecise yet.
        case keptPretest = "kept_pretest"
        /// A pretest question that will not make it (implausible or still imprecise after many
        /// answers): a person should look at it.
        case reviewNeeded = "review_needed"
        /// Too few answers to estimate this operational question.
        case insufficientData = "insufficient_data"
    }

    public struct Decision: Sendable {
        public var questionID: UUID
        public var outcome: Outcome
        public var sampleSize: Int
        public var old: ItemCalibration
        public var new: ItemCalibration?
        public var errors: ParameterErrors?
        public var reason: String?

        /// Whether the question's stored parameters change.
        public var changesQuestion: Bool { outcome == .updated || outcome == .promoted }
    }

    public var decisions: [Decision]
    public var responses: Int
    public var students: Int
    public var anchors: Int
    public var population: LatentDistribution
    public var iterations: Int
    public var converged: Bool

    public func count(_ outcome: Outcome) -> Int { decisions.filter { $0.outcome == outcome }.count }
}
