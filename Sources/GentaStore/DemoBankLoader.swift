import Foundation
import GentaCore

/// Loads the bundled demo bank into a database once.
public struct DemoBankLoader: Sendable {
    let queries: QuestionBankQueries

    public init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.queries = QuestionBankQueries(database: database, now: now)
    }

    /// Loads the demo bank unless it is already there (the check is by the bank's fixed id, so
    /// a restart never loads it twice).
    public func loadIfNeeded() async throws -> QuestionBankQueries.ImportOutcome {
        try await queries.importBank(
            id: DemoBank.bankID, metadata: DemoBank.metadata, bank: try DemoBank.load(),
            reviewedBy: DemoBank.reviewerName)
    }
}
