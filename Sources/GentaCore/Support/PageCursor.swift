import Foundation

/// A position in a newest-first list: the id of the last row shown (an attempt, a feedback).
/// The store compares with that row's own stored time, so the position is exact on every
/// database (a time written into the cursor could lose its last bit on the way back).
public struct PageCursor: Sendable, Equatable {
    /// A well-formed cursor naming nothing of the caller's: it came from another list or another
    /// account, or its row is gone. A 404 like any other id that is not yours.
    public static let notFound = AppError(
        .notFound, code: "cursor_not_found", message: "cursor must be a next_cursor value from an earlier page of this list.",
        details: ["field": "cursor"])

    public var lastID: UUID

    public init(lastID: UUID) {
        self.lastID = lastID
    }

    public var token: String { lastID.uuidString.lowercased() }

    public init?(token: String) {
        guard let id = UUID(uuidString: token) else { return nil }
        self.init(lastID: id)
    }
}
