import SQLKit

extension Database {
    /// Answers whether the database serves a trivial query.
    public func ping() async throws {
        try await withConnection { db in
            _ = try await db.raw("SELECT 1 AS alive").first()
        }
    }
}
