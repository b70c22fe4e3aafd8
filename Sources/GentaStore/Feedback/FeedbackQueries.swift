import Foundation
import GentaCore
import SQLKit

/// Stores, reuses and rates AI feedback. Generating it is not done here: the model call happens
/// between `begin` and `store`, outside any transaction, so a slow provider never holds a lock
/// or a connection.
public struct FeedbackQueries: Sendable {
    let database: any Database
    let clock: WallClock
    /// How long a cached model answer is reused.
    public static let cacheLifetime: TimeInterval = 30 * 86_400

    public init(database: any Database, clock: WallClock) {
        self.database = database
        self.clock = clock
    }

    /// How long a claim lasts when its request never stores or releases it (the process died):
    /// longer than any feedback takes to write.
    public static let claimLifetime: TimeInterval = 120
}
