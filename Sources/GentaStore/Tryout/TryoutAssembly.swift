import Foundation
import GentaCore
import IRT
import SQLKit

/// Builds a tryout event: a fixed form for each timed block, chosen by the IRT engine from the
/// reviewed questions, and stores it with the event.
///
/// Each block's form spreads over the sub types its pool offers in proportion to the pool
/// (PU's parts name their own sub types), maximises information over θ −1…2.5 (the range
/// where admission decisions fall), and avoids every question already on another event's form;
/// only when a sub type has too few unused questions does it reuse some, and the report says
/// how many. Questions that share a passage are put next to each other, so the passage is read
/// once.
public struct TryoutAssembly: Sendable {
    let database: any Database
    let assembler: FormAssembler

    public init(database: any Database, assembler: FormAssembler = FormAssembler()) {
        self.database = database
        self.assembler = assembler
    }

    /// What was built, block by block.
    public struct Report: Sendable {
        public struct Block: Sendable {
            public var block: TimedBlock
            public var questionIDs: [UUID]
            /// Test information of the block's form at each target θ.
            public var information: [TargetInformation]
            /// Questions also on another event's form.
            public var reused: Int
        }
        public var event: TryoutEvent
        public var blocks: [Block]
    }

    public func create(name: String, opensAt: Date, closesAt: Date, exam: ExamStructure, now: Date) async throws -> Report {
        guard exam.problems.isEmpty else {
            throw AppError(.unprocessable, code: "invalid_exam_structure", message: exam.problems.joined(separator: "; "))
        }
        guard closesAt > opensAt else {
            throw AppError(.unprocessable, code: "invalid_window", message: "closes_at must be after opens_at.", details: ["field": "closes_at"])
        }
        return try await database.transaction { db in
            let pool = try await Self.pool(db)
            let used = Set(try await db.raw("SELECT DISTINCT question_id FROM tryout_form_items").all().map {
                try $0.decode(column: "question_id", as: UUID.self)
            })
            let event = TryoutEvent(id: UUID(), name: name, opensAt: opensAt, closesAt: closesAt, blocks: exam.timedBlocks)
            var chosen: Set<UUID> = []
            var blocks: [Report.Block] = []
            for block in event.blocks {
                let candidates = pool.filter {
                    $0.section == block.section && !chosen.contains($0.id)
                        && (block.subTypes.isEmpty || block.subTypes.contains($0.subType ?? ""))
                }
                let form = try assemble(block, from: candidates, excluding: used)
                let ordered = Self.groupingPassages(form.items.map(\.id), passages: pool)
                chosen.formUnion(ordered)
                blocks.append(Report.Block(block: block, questionIDs: ordered, information: form.targetInformation, reused: form.reuseCount))
            }
            try await store(event, blocks: blocks, now: now, db)
            return Report(event: event, blocks: blocks)
        }
    }

    private func assemble(_ block: TimedBlock, from candidates: [PoolItem], excluding used: Set<UUID>) throws -> AssembledForm<UUID> {
        let items = candidates.map { ItemCandidate(id: $0.id, parameters: $0.parameters, subtype: $0.subType) }
        do {
            return try assembler.assemble(from: items, length: block.questions, excluding: used)
        } catch {
            throw AppError(.conflict, code: "bank_too_small",
                message: "\(block.name) (\(block.section.rawValue)) needs \(block.questions) reviewed questions; the bank offers \(candidates.count) (\(error)).")
        }
    }

    struct PoolItem {
        var id: UUID
        var section: Section
        var subType: String?
        var parameters: ItemParameters
        var passageID: UUID?
    }

    /// Reviewed, unambiguous, live, operational questions, in a stable order: a tryout is scored
    /// by its items' parameters, so a pretest question's guessed ones have no place in it.
    private static func pool(_ db: any SQLDatabase) async throws -> [PoolItem] {
        try await db.raw("""
            SELECT id, section, sub_type, discrimination, difficulty_irt, guessing_param, passage_id FROM questions
            WHERE is_reviewed = \(bind: true) AND is_ambiguous = \(bind: false) AND deleted_at IS NULL
              AND calibration_status = \(bind: ItemCalibration.operational)
            ORDER BY section, external_id, id
            """).all().map { row in
            PoolItem(
                id: try row.decode(column: "id", as: UUID.self), section: try Section.decode(row, "section"),
                subType: try row.decode(column: "sub_type", as: String?.self),
                parameters: ItemParameters(
                    a: try row.decode(column: "discrimination", as: Double.self),
                    b: try row.decode(column: "difficulty_irt", as: Double.self),
                    c: try row.decode(column: "guessing_param", as: Double.self)),
                passageID: try row.decode(column: "passage_id", as: UUID?.self))
        }
    }

    /// The form's order with each passage's questions moved up behind the first of them.
    static func groupingPassages(_ ids: [UUID], passages pool: [PoolItem]) -> [UUID] {
        let passageOf = Dictionary(uniqueKeysWithValues: pool.map { ($0.id, $0.passageID) })
        var ordered: [UUID] = []
        var placed: Set<UUID> = []
        for id in ids where !placed.contains(id) {
            let passage = passageOf[id] ?? nil
            let group = passage.map { p in ids.filter { passageOf[$0] ?? nil == p } } ?? [id]
            ordered += group
            placed.formUnion(group)
        }
        return ordered
    }

    private func store(_ event: TryoutEvent, blocks: [Report.Block], now: Date, _ db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO tryout_events (id, name, opens_at, closes_at, created_at)
            VALUES (\(bind: event.id), \(bind: event.name), \(bind: event.opensAt), \(bind: event.closesAt), \(bind: now))
            """).run()
        for entry in blocks {
            let block = entry.block
            try await db.raw("""
                INSERT INTO tryout_event_blocks (event_id, position, section, part, name, question_count, seconds)
                VALUES (\(bind: event.id), \(bind: block.position), \(bind: block.section.rawValue), \(bind: block.part),
                    \(bind: block.name), \(bind: block.questions), \(bind: block.seconds))
                """).run()
            let rows = entry.questionIDs.enumerated().map { index, questionID -> SQLQueryString in
                "(\(bind: event.id), \(bind: block.position), \(bind: index + 1), \(bind: questionID))"
            }
            try await db.raw("""
                INSERT INTO tryout_form_items (event_id, block_position, item_position, question_id)
                VALUES \(rows.joined(separator: ", "))
                """).run()
        }
    }
}
