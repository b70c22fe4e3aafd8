import Foundation
import GentaCore
import IRT

struct SessionResponse: Encodable {
    let id: String
    let section: String?
    let started_at: Date
    let ended_at: Date?
    let duration_minutes: Int?
    let questions_attempted: Int
    let questions_correct: Int
    let accuracy_in_session: Double?

    init(_ session: StudySession) {
        id = session.id
        section = session.section?.rawValue
        started_at = session.startedAt
        ended_at = session.endedAt
        duration_minutes = session.durationMinutes
        questions_attempted = session.questionsAttempted
        questions_correct = session.questionsCorrect
        accuracy_in_session = session.accuracy
    }
}

struct SessionListResponse: Encodable {
    let sessions: [SessionResponse]
    let limit: Int
    let offset: Int
    /// Absent on the last page (the synthesised encoder leaves out nil).
    let next_cursor: String?
}

struct NewSessionRequest: Decodable {
    let section: String?
}

/// Seed Query 4: the session with totals and the per-question breakdown.
struct SessionStatisticsResponse: Encodable {
    struct Answer: Encodable {
        let attempt_id: String
        let question_id: String
        let section: String
        let selected_answer: String?
        let statement_answers: [String]?
        let short_answer: String?
        let correct_answer: String?
        let correct_statement_answers: [String]?
        let accepted_answers: [String]?
        let is_correct: Bool
        let time_spent_seconds: Int
        let attempt_number_in_session: Int
    }
    let session: SessionResponse
    let total_questions: Int
    let correct_count: Int
    let accuracy_percentage: Double?
    let avg_time_seconds: Double?
    let min_time_seconds: Int?
    let max_time_seconds: Int?
    let question_breakdown: [Answer]
    let next_cursor: String?

    init(_ statistics: SessionStatistics) {
        session = SessionResponse(statistics.session)
        total_questions = statistics.totalQuestions
        correct_count = statistics.correctCount
        accuracy_percentage = statistics.accuracyPercentage
        avg_time_seconds = statistics.averageTimeSeconds.map { ($0 * 100).rounded() / 100 }
        min_time_seconds = statistics.minimumTimeSeconds
        max_time_seconds = statistics.maximumTimeSeconds
        question_breakdown = statistics.answers.map {
            let answer = QuestionWire.Answer($0.response)
            let key = QuestionWire.Key($0.key)
            return Answer(
                attempt_id: $0.attemptID.wire, question_id: $0.questionID.wire, section: $0.section.rawValue,
                selected_answer: answer.selected_answer, statement_answers: answer.statement_answers,
                short_answer: answer.short_answer, correct_answer: key.correct_answer,
                correct_statement_answers: key.correct_statement_answers, accepted_answers: key.accepted_answers,
                is_correct: $0.isCorrect, time_spent_seconds: $0.timeSpentSeconds,
                attempt_number_in_session: $0.attemptNumber)
        }
        next_cursor = statistics.next?.token
    }
}

/// A question before it is answered: no key, explanation, tip or IRT parameters.
struct QuestionResponse: Encodable {
    let id: String
    let session_id: String
    let section: String
    let sub_type: String?
    let format: String
    let passage: PassageResponse?
    let text: String
    let options: [String: String]?
    let labels: [String]?
    let statements: [String]?
    let served_at: Date
    let remaining_today: Int?

    init(_ served: ServedQuestion) {
        id = served.questionID.wire
        session_id = served.sessionID
        section = served.section.rawValue
        sub_type = served.subType
        passage = served.passage.map(PassageResponse.init)
        text = served.text
        let shown = QuestionWire.Shown(served.content)
        format = shown.format
        options = shown.options
        labels = shown.labels
        statements = shown.statements
        served_at = served.servedAt
        remaining_today = served.remainingToday
    }
}

struct AttemptRequest: Decodable {
    let question_id: String
    let session_id: String
    let answer: AnswerInput
    let time_spent_seconds: Int

    enum CodingKeys: String, CodingKey {
        case question_id, session_id, time_spent_seconds
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        question_id = try container.decode(String.self, forKey: .question_id)
        session_id = try container.decode(String.self, forKey: .session_id)
        time_spent_seconds = try container.decode(Int.self, forKey: .time_spent_seconds)
        answer = try AnswerInput(from: decoder)
    }
}

struct AttemptResponse: Encodable {
    let id: String
    let question_id: String
    let session_id: String
    let section: String
    let selected_answer: String?
    let statement_answers: [String]?
    let short_answer: String?
    let correct_answer: String?
    let correct_statement_answers: [String]?
    let accepted_answers: [String]?
    let is_correct: Bool
    let explanation: String?
    let strategy_tip: String?
    let related_concept: String?
    let theta_before: Double
    let theta_after: Double
    let theta_change: Double
    let theta_sd: Double
    let predicted_score_low: Int
    let predicted_score_high: Int
    let attempt_number_in_session: Int
    let time_spent_seconds: Int
    let created_at: Date
    let is_pretest: Bool

    init(_ result: AttemptResult) {
        id = result.id.wire
        question_id = result.questionID.wire
        session_id = result.sessionID
        section = result.section.rawValue
        let answer = QuestionWire.Answer(result.response)
        selected_answer = answer.selected_answer
        statement_answers = answer.statement_answers
        short_answer = answer.short_answer
        let key = QuestionWire.Key(result.key)
        correct_answer = key.correct_answer
        correct_statement_answers = key.correct_statement_answers
        accepted_answers = key.accepted_answers
        is_correct = result.isCorrect
        explanation = result.explanation
        strategy_tip = result.strategyTip
        related_concept = result.relatedConcept
        theta_before = result.thetaBefore
        theta_after = result.thetaAfter
        theta_change = result.thetaChange
        theta_sd = (result.thetaSDAfter * 1000).rounded() / 1000
        predicted_score_low = result.predictedScoreLow
        predicted_score_high = result.predictedScoreHigh
        attempt_number_in_session = result.attemptNumberInSession
        time_spent_seconds = result.timeSpentSeconds
        created_at = result.createdAt
        is_pretest = result.isPretest
    }
}

struct HistoryResponse: Encodable {
    struct Entry: Encodable {
        let attempt_id: String
        let question_id: String
        let section: String
        let sub_type: String?
        let format: String
        let passage: PassageResponse?
        let question_text: String
        let options: [String: String]?
        let labels: [String]?
        let statements: [String]?
        let selected_answer: String?
        let statement_answers: [String]?
        let short_answer: String?
        let correct_answer: String?
        let correct_statement_answers: [String]?
        let accepted_answers: [String]?
        let is_correct: Bool
        let explanation: String?
        let time_spent_seconds: Int
        let created_at: Date
    }
    let attempts: [Entry]
    let next_cursor: String?

    init(entries: [HistoryEntry], next: PageCursor?) {
        attempts = entries.map {
            let shown = QuestionWire.Shown($0.content.served)
            let answer = QuestionWire.Answer($0.response)
            let key = QuestionWire.Key($0.content.key)
            return Entry(
                attempt_id: $0.attemptID.wire, question_id: $0.questionID.wire, section: $0.section.rawValue,
                sub_type: $0.subType, format: shown.format, passage: $0.passage.map(PassageResponse.init),
                question_text: $0.questionText, options: shown.options, labels: shown.labels, statements: shown.statements,
                selected_answer: answer.selected_answer, statement_answers: answer.statement_answers,
                short_answer: answer.short_answer, correct_answer: key.correct_answer,
                correct_statement_answers: key.correct_statement_answers, accepted_answers: key.accepted_answers,
                is_correct: $0.isCorrect, explanation: $0.explanation, time_spent_seconds: $0.timeSpentSeconds,
                created_at: $0.createdAt)
        }
        next_cursor = next?.token
    }
}

struct ReadinessResponse: Encodable {
    struct SectionEntry: Encodable {
        let section: String
        let theta: Double
        let theta_sd: Double
        let predicted_score: Int
        let predicted_score_low: Int
        let predicted_score_high: Int
        let target_score: Int?
        let readiness_percentage: Double?
        let ready_by_date: String?
        let days_to_ready: Int?
        /// Why there is no date: already_ready, no_target, not_enough_data, not_improving.
        let ready_by_status: String
        let improvement_per_week: Double?
        let recent_accuracy: Double?
        let overall_accuracy: Double?
        let recent_attempts_count: Int
        let total_attempts_count: Int
    }
    /// The mean over the subtests, as UTBK reports it.
    struct Overall: Encodable {
        let predicted_score: Int
        let predicted_score_low: Int
        let predicted_score_high: Int
        let readiness_percentage: Double?
    }
    let target_score: Int?
    let exam_date: String?
    let overall: Overall?
    let sections: [SectionEntry]

    init(user: UserAccount, sections: [SectionReadiness], scale: ScoreScale) {
        target_score = user.targetScore
        exam_date = user.examDate?.description
        overall = OverallReadiness(sections: sections, targetScore: user.targetScore, scale: scale).map {
            Overall(predicted_score: $0.predictedScore, predicted_score_low: $0.predictedScoreLow,
                predicted_score_high: $0.predictedScoreHigh, readiness_percentage: $0.readinessPercentage)
        }
        self.sections = sections.map { entry in
            let (date, days, status): (String?, Int?, String) =
                switch entry.readyBy {
                case .date(let date, let days): (date.description, days, "forecast")
                case .alreadyReady: (nil, 0, "already_ready")
                case .noTarget: (nil, nil, "no_target")
                case .notEnoughData: (nil, nil, "not_enough_data")
                case .notImproving: (nil, nil, "not_improving")
                }
            return SectionEntry(
                section: entry.section.rawValue, theta: (entry.theta * 1000).rounded() / 1000,
                theta_sd: (entry.thetaSD * 1000).rounded() / 1000, predicted_score: entry.predictedScore,
                predicted_score_low: entry.predictedScoreLow, predicted_score_high: entry.predictedScoreHigh,
                target_score: entry.targetScore, readiness_percentage: entry.readinessPercentage,
                ready_by_date: date, days_to_ready: days, ready_by_status: status,
                improvement_per_week: entry.improvementPerWeek, recent_accuracy: entry.recentAccuracy,
                overall_accuracy: entry.overallAccuracy, recent_attempts_count: entry.recentAttempts,
                total_attempts_count: entry.totalAttempts)
        }
    }
}

extension Dictionary where Key == AnswerOption, Value == String {
    /// Options on the wire: an object keyed "A"–"E".
    var wire: [String: String] { Dictionary<String, String>(uniqueKeysWithValues: map { ($0.key.rawValue, $0.value) }) }
}
