import Foundation
import GentaCore
import SQLKit

/// Keeps assembled tryout forms free of questions that have left service.
///
/// A question taken out of practice (a review asking for a change or rejecting it, three
/// reports of ambiguity, an edit awaiting review, a deletion) is withdrawn, in the caller's
/// transaction, from the forms of events still open: sitters no longer see it, and it is scored
/// for no one — the finished sittings of those events are rescored without it, so every sitter
/// of an event is scored on the same questions. Closed events keep their forms: their results
/// are history (a wrong key there is a key correction, which rescores).
enum TryoutForms {
    static func withdrawOutOfService(_ questionIDs: [UUID], at now: Date, _ db: any SQLDatabase) async throws {
        guard !questionIDs.isEmpty else { return }
        let affected = try await db.raw("""
            SELECT DISTINCT f.event_id FROM tryout_form_items f
            JOIN questions q ON q.id = f.question_id JOIN tryout_events e ON e.id = f.event_id
            WHERE f.question_id IN (\(binds: questionIDs)) AND f.withdrawn_at IS NULL AND e.closes_at > \(bind: now)
              AND NOT (q.is_reviewed = \(bind: true) AND q.is_ambiguous = \(bind: false) AND q.deleted_at IS NULL)
            """).all().map { try $0.decode(column: "event_id", as: UUID.self) }
        guard !affected.isEmpty else { return }
        try await db.raw("""
            UPDATE tryout_form_items SET withdrawn_at = \(bind: now)
            WHERE event_id IN (\(binds: affected)) AND question_id IN (\(binds: questionIDs)) AND withdrawn_at IS NULL
              AND question_id IN (SELECT id FROM questions
                                  WHERE NOT (is_reviewed = \(bind: true) AND is_ambiguous = \(bind: false) AND deleted_at IS NULL))
            """).run()
        let scorer = TryoutScorer(settings: PracticeSettings())
        for sitting in try await db.raw("""
            SELECT id, event_id FROM tryout_sittings WHERE event_id IN (\(binds: affected)) AND finished_at IS NOT NULL
            """).all() {
            try await scorer.rescore(
                sittingID: try sitting.decode(column: "id", as: UUID.self), eventID: try sitting.decode(column: "event_id", as: UUID.self), db)
        }
    }
}
