import Foundation
import GentaCore
import GentaStore

/// A tryout event in the list a student chooses from.
struct TryoutEventResponse: Encodable {
    struct Block: Encodable {
        let position: Int
        let section: String
        let part: Int?
        let name: String
        let question_count: Int
        let seconds: Int
    }
    let id: String
    let name: String
    let opens_at: Date
    let closes_at: Date
    let total_questions: Int
    let total_seconds: Int
    let blocks: [Block]
    let sitting_id: String?
    let sitting_finished: Bool?

    init(_ event: TryoutEvent, sittingID: UUID? = nil, sittingFinished: Bool? = nil) {
        id = event.id.wire
        name = event.name
        opens_at = event.opensAt
        closes_at = event.closesAt
        total_questions = event.totalQuestions
        total_seconds = event.totalSeconds
        blocks = event.blocks.map {
            Block(position: $0.position, section: $0.section.rawValue, part: $0.part, name: $0.name,
                question_count: $0.questions, seconds: $0.seconds)
        }
        sitting_id = sittingID?.wire
        sitting_finished = sittingID == nil ? nil : sittingFinished
    }
}

struct TryoutListResponse: Encodable {
    let tryouts: [TryoutEventResponse]
}

/// A subtest's score, as reported after the sitting.
struct SubtestScoreResponse: Encodable {
    let section: String
    let theta: Double
    let standard_error: Double
    let score: Double
    let score_low: Double
    let score_high: Double
    let correct_count: Int
    let wrong_count: Int
    let blank_count: Int
    let time_spent_seconds: Int
    let seconds_per_answer: Double?
    let percentile: Double?

    init(_ score: SubtestScore) {
        section = score.section.rawValue
        theta = score.theta
        standard_error = score.standardError
        self.score = score.score
        score_low = score.scoreLow
        score_high = score.scoreHigh
        correct_count = score.correct
        wrong_count = score.wrong
        blank_count = score.blank
        time_spent_seconds = score.timeSpentSeconds
        seconds_per_answer = score.answered == 0 ? nil : (Double(score.timeSpentSeconds) / Double(score.answered) * 10).rounded() / 10
        percentile = score.percentile
    }
}

struct SittingResultResponse: Encodable {
    let overall_score: Double
    let overall_percentile: Double?
    let sitters: Int
    let subtests: [SubtestScoreResponse]

    init(_ result: SittingResult) {
        overall_score = result.overallScore
        overall_percentile = result.overallPercentile
        sitters = result.sitters
        subtests = result.subtests.map(SubtestScoreResponse.init)
    }
}

/// A sitting as the server's clock has it.
struct SittingResponse: Encodable {
    struct Block: Encodable {
        let position: Int
        let section: String
        let part: Int?
        let name: String
        let question_count: Int
        let seconds: Int
        /// not_started, open, finished, time_up
        let status: String
        let started_at: Date?
        let deadline: Date?
        let ended_at: Date?
        let answered_count: Int
    }
    let id: String
    let tryout_id: String
    let tryout_name: String
    /// in_progress or finished
    let status: String
    let started_at: Date
    let finished_at: Date?
    let current_block: Int?
    let server_time: Date
    let blocks: [Block]
    let result: SittingResultResponse?

    init(_ state: SittingState, now: Date) {
        id = state.id.wire
        tryout_id = state.event.id.wire
        tryout_name = state.event.name
        status = state.finishedAt == nil ? "in_progress" : "finished"
        started_at = state.startedAt
        finished_at = state.finishedAt
        current_block = state.timeline.current
        server_time = now
        blocks = zip(state.timeline.blocks, state.timeline.times).map { block, times in
            Block(
                position: block.position, section: block.section.rawValue, part: block.part, name: block.name,
                question_count: block.questions, seconds: block.seconds,
                status: times.endReason?.rawValue ?? (times.startedAt == nil ? "not_started" : "open"),
                started_at: times.startedAt, deadline: times.deadline, ended_at: times.endedAt,
                answered_count: state.answeredPerBlock[block.position] ?? 0)
        }
        result = state.result.map(SittingResultResponse.init)
    }
}

/// A question of the open block: no key, with what the student saved.
struct BlockQuestionResponse: Encodable {
    let id: String
    let number: Int
    let section: String
    let sub_type: String?
    let format: String
    let passage_id: String?
    let text: String
    let options: [String: String]?
    let labels: [String]?
    let statements: [String]?
    let selected_answer: String?
    let statement_answers: [String]?
    let short_answer: String?
    let is_unsure: Bool
    let time_spent_seconds: Int

    init(_ question: BlockQuestion) {
        id = question.questionID.wire
        number = question.number
        section = question.section.rawValue
        sub_type = question.subType
        passage_id = question.passageID?.wire
        text = question.text
        let shown = QuestionWire.Shown(question.content)
        format = shown.format
        options = shown.options
        labels = shown.labels
        statements = shown.statements
        let answer = question.response.map(QuestionWire.Answer.init)
        selected_answer = answer?.selected_answer
        statement_answers = answer?.statement_answers
        short_answer = answer?.short_answer
        is_unsure = question.isUnsure
        time_spent_seconds = question.timeSpentSeconds
    }
}

struct OpenBlockResponse: Encodable {
    let sitting: SittingResponse
    let position: Int
    let passages: [PassageResponse]
    let questions: [BlockQuestionResponse]

    init(_ block: OpenBlock, now: Date) {
        sitting = SittingResponse(block.state, now: now)
        position = block.position
        passages = block.passages.map(PassageResponse.init)
        questions = block.questions.map(BlockQuestionResponse.init)
    }
}

/// Body of `PUT /tryout-sittings/{id}/answers/{question_id}`: at most one answer field (none
/// clears the answer), the unsure flag, and the seconds spent on the question so far.
struct TryoutAnswerRequest: Decodable {
    let answer: AnswerInput
    let is_unsure: Bool
    let time_spent_seconds: Int

    enum CodingKeys: String, CodingKey {
        case is_unsure, time_spent_seconds
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        is_unsure = try container.decodeIfPresent(Bool.self, forKey: .is_unsure) ?? false
        time_spent_seconds = try container.decodeIfPresent(Int.self, forKey: .time_spent_seconds) ?? 0
        answer = try AnswerInput(from: decoder)
    }
}

struct SavedTryoutAnswerResponse: Encodable {
    let question_id: String
    let block_position: Int
    let selected_answer: String?
    let statement_answers: [String]?
    let short_answer: String?
    let is_unsure: Bool
    let time_spent_seconds: Int
    let saved_at: Date
    let deadline: Date

    init(_ saved: SavedTryoutAnswer) {
        question_id = saved.questionID.wire
        block_position = saved.blockPosition
        let answer = saved.answer.response.map(QuestionWire.Answer.init)
        selected_answer = answer?.selected_answer
        statement_answers = answer?.statement_answers
        short_answer = answer?.short_answer
        is_unsure = saved.answer.isUnsure
        time_spent_seconds = saved.answer.timeSpentSeconds
        saved_at = saved.savedAt
        deadline = saved.deadline
    }
}

/// The review once the sitting has ended.
struct TryoutReviewResponse: Encodable {
    struct Item: Encodable {
        let question: BlockQuestionResponse
        let block_position: Int
        let correct_answer: String?
        let correct_statement_answers: [String]?
        let accepted_answers: [String]?
        let is_correct: Bool
        let explanation: String?
    }
    let sitting: SittingResponse
    let passages: [PassageResponse]
    let items: [Item]

    init(state: SittingState, items: [ReviewItem], now: Date) {
        sitting = SittingResponse(state, now: now)
        var seen: Set<UUID> = []
        passages = items.compactMap(\.passage).filter { seen.insert($0.id).inserted }.map(PassageResponse.init)
        self.items = items.map { item in
            let key = QuestionWire.Key(item.key)
            return Item(
                question: BlockQuestionResponse(item.question), block_position: item.blockPosition,
                correct_answer: key.correct_answer, correct_statement_answers: key.correct_statement_answers,
                accepted_answers: key.accepted_answers, is_correct: item.isCorrect, explanation: item.explanation)
        }
    }
}

struct TryoutHistoryResponse: Encodable {
    struct Entry: Encodable {
        let id: String
        let tryout_id: String
        let tryout_name: String
        let started_at: Date
        let finished_at: Date?
        let overall_score: Double?
        let subtests: [SubtestScoreResponse]
    }
    let sittings: [Entry]

    init(_ summaries: [SittingSummary]) {
        sittings = summaries.map {
            Entry(
                id: $0.id.wire, tryout_id: $0.eventID.wire, tryout_name: $0.eventName, started_at: $0.startedAt,
                finished_at: $0.finishedAt, overall_score: $0.overallScore, subtests: $0.subtests.map(SubtestScoreResponse.init))
        }
    }
}

/// Body of `POST /admin/tryouts`: when it opens (an ISO 8601 date-time) and for how many days.
/// A length rather than a closing time, so no window can end before it starts.
struct NewTryoutRequest: Decodable {
    let name: String
    let opens_at: String
    let days: Int
}

struct AssembledTryoutResponse: Encodable {
    struct Block: Encodable {
        let position: Int
        let section: String
        let name: String
        let question_ids: [String]
        let reused_count: Int
        let information: [Point]
    }
    struct Point: Encodable {
        let theta: Double
        let information: Double
    }
    let tryout: TryoutEventResponse
    let blocks: [Block]

    init(_ report: TryoutAssembly.Report) {
        tryout = TryoutEventResponse(report.event)
        blocks = report.blocks.map { entry in
            Block(
                position: entry.block.position, section: entry.block.section.rawValue, name: entry.block.name,
                question_ids: entry.questionIDs.map(\.wire), reused_count: entry.reused,
                information: entry.information.map { Point(theta: $0.theta, information: ($0.information * 1000).rounded() / 1000) })
        }
    }
}
