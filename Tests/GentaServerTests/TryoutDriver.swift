import Foundation
import GentaCore
import GentaStore
import GentaTestSupport
import HTTPTypes
import IRT
import SQLKit

/// Drives tryouts through the HTTP API for the tests: creates events, answers questions right
/// or wrong from keys read straight from the database.
struct TryoutDriver {
    let app: PracticeHarness

    /// A small exam so a cohort of dozens sits it quickly: every subtest, PU in two parts.
    static let shortExam = ExamStructure(blocks: Section.allCases.map { section in
        section == .pu
            ? ExamStructure.Block(section: .pu, questions: 6, time: .seconds(600), parts: [
                .init(name: "Penalaran induktif", questions: 3, time: .seconds(300), subTypes: ["analogi", "penalaran_analitis"]),
                .init(name: "Penalaran deduktif", questions: 3, time: .seconds(300), subTypes: ["silogisme", "penalaran_logis"]),
            ])
            : ExamStructure.Block(section: section, questions: 6, time: .seconds(600))
    })

    struct Item: Sendable {
        var format: QuestionFormat
        var correctLetter: String?
        var statementKey: [String]
        var labels: [String]
        var accepted: [String]
        var parameters: ItemParameters
    }

    /// Creates an event open from an hour ago for a week; returns its id.
    func createEvent(name: String = "Tryout Nasional 1") async throws -> String {
        let admin = try await app.token("admin@genta.test", role: .admin)
        let opens = ISO8601DateFormatter().string(from: app.clock.now.addingTimeInterval(-3600))
        let created = try await app.call(.post, "/api/v1/admin/tryouts", token: admin,
            body: #"{"name":"\#(name)","opens_at":"\#(opens)","days":7}"#)
        guard created.status == .created, let tryout = created.json["tryout"] as? [String: Any], let id = tryout["id"] as? String else {
            throw DriverError.unexpected("create tryout: \(created.status) \(created.json)")
        }
        return id
    }

    /// Every question's key and parameters.
    func items() async throws -> [String: Item] {
        let rows = try await app.database.withConnection { db in
            try await db.raw("""
                SELECT id, format, correct_answer, format_spec, discrimination, difficulty_irt, guessing_param FROM questions
                """).all().map { row -> (String, String, String?, String?, Double, Double, Double) in
                (try row.decode(column: "id", as: UUID.self).uuidString.lowercased(), try row.decode(column: "format", as: String.self),
                 try row.decode(column: "correct_answer", as: String?.self), try row.decode(column: "format_spec", as: String?.self),
                 try row.decode(column: "discrimination", as: Double.self), try row.decode(column: "difficulty_irt", as: Double.self),
                 try row.decode(column: "guessing_param", as: Double.self))
            }
        }
        var items: [String: Item] = [:]
        for (id, format, letter, spec, a, b, c) in rows {
            let json = try spec.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] } ?? [:]
            items[id] = Item(
                format: QuestionFormat(rawValue: format)!, correctLetter: letter?.trimmingCharacters(in: .whitespaces),
                statementKey: (json["statements"] as? [[String: Any]])?.compactMap { $0["answer"] as? String } ?? [],
                labels: json["labels"] as? [String] ?? [], accepted: json["accepted_answers"] as? [String] ?? [],
                parameters: ItemParameters(a: a, b: b, c: c))
        }
        return items
    }

    /// The JSON answer fields that answer `item` right or wrong.
    static func answerFields(_ item: Item, correct: Bool) -> String {
        switch item.format {
        case .multipleChoice:
            let letter = correct ? item.correctLetter! : ["A", "B", "C", "D", "E"].first { $0 != item.correctLetter }!
            return #""selected_answer":"\#(letter)""#
        case .complexMultipleChoice:
            var answers = item.statementKey
            if !correct { answers[0] = item.labels.first { $0 != answers[0] }! }
            return #""statement_answers":[\#(answers.map { "\"\($0)\"" }.joined(separator: ","))]"#
        case .shortAnswer:
            return #""short_answer":"\#(correct ? item.accepted[0] : "tidak tahu")""#
        }
    }

    func save(_ token: String, sitting: String, question: String, fields: String, unsure: Bool = false, seconds: Int = 30) async throws
        -> (status: HTTPResponse.Status, json: [String: Any]) {
        let body = "{" + [fields, #""is_unsure":\#(unsure)"#, #""time_spent_seconds":\#(seconds)"#].filter { !$0.isEmpty }.joined(separator: ",") + "}"
        return try await app.call(.put, "/api/v1/tryout-sittings/\(sitting)/answers/\(question)", token: token, body: body)
    }

    /// Starts `token`'s sitting of `event`; returns it and the ids of its first block's questions.
    func startSitting(_ token: String, event: String) async throws -> (sitting: String, questions: [String]) {
        guard let sitting = try await app.call(.post, "/api/v1/tryouts/\(event)/sittings", token: token).json["id"] as? String,
            let questions = try await app.call(.get, "/api/v1/tryout-sittings/\(sitting)/block", token: token)
                .json["questions"] as? [[String: Any]]
        else { throw DriverError.unexpected("start a sitting of \(event)") }
        return (sitting, questions.compactMap { $0["id"] as? String })
    }

    /// Moves the clock past the whole short exam and lets the sweep close and score the sittings
    /// left open; returns how many it scored.
    func runOutTheClock() async throws -> Int {
        app.clock.advance(seconds: Double(Self.shortExam.timedBlocks.reduce(0) { $0 + $1.seconds }) + 1)
        return try await TryoutSittingQueries(
            database: app.database, clock: app.clock.ticking, practice: PracticeSettings(), tryouts: TryoutTests.settings
        ).closeExpired()
    }

    enum DriverError: Error { case unexpected(String) }
}

/// Fields that would give a key away; no tryout response may carry them before the end.
let keyFields = ["correct_answer", "correct_statement_answers", "accepted_answers", "explanation", "is_correct"]

/// Whether any object inside `json` has one of `keyFields`.
func containsKeyField(_ json: Any) -> Bool {
    if let object = json as? [String: Any] {
        return object.keys.contains(where: keyFields.contains) || object.values.contains(where: containsKeyField)
    }
    if let array = json as? [Any] { return array.contains(where: containsKeyField) }
    return false
}
