import Foundation
import GentaCore
import JWTKit
import Logging

/// Clerk's signing keys, fetched on first use and kept for `lifetime`.
///
/// Rules, in the order they apply:
/// - A fresh key set that holds the token's `kid` answers without any network call.
/// - Otherwise (no keys yet, keys older than `lifetime`, or a `kid` not in the set, as happens
///   right after Clerk rotates keys) the set is fetched again, but at most once per
///   `minimumRefetchInterval`, whatever the outcome, so a flood of tokens with invented `kid`s
///   or an outage at Clerk costs Clerk one request per interval, not one per sign-in.
/// - Concurrent callers that need a fetch share the one in flight.
/// - When a fetch fails, or is not allowed yet, keys we already hold are still used: they were
///   Clerk's keys a moment ago, and an outage at Clerk should not sign everyone out.
actor ClerkKeyCache {
    private let fetcher: any JWKSFetching
    private let clock: WallClock
    private let lifetime: TimeInterval
    private let minimumRefetchInterval: TimeInterval
    private let logger: Logger

    private var current: ClerkKeySet?
    private var lastFetchStarted: Date?
    private var fetchInFlight: Task<Result<ClerkKeySet, AuthError>, Never>?

    init(
        fetcher: any JWKSFetching, clock: WallClock, lifetime: Duration, minimumRefetchInterval: Duration,
        logger: Logger
    ) {
        self.fetcher = fetcher
        self.clock = clock
        self.lifetime = lifetime.timeInterval
        self.minimumRefetchInterval = minimumRefetchInterval.timeInterval
        self.logger = logger
    }

    /// The keys to verify a token signed with `kid`.
    func keys(for kid: String) async throws(AuthError) -> JWTKeyCollection {
        let now = clock.now()
        if let current, now.timeIntervalSince(current.fetchedAt) < lifetime, let keys = current.keys(for: kid) {
            return keys
        }
        guard fetchInFlight != nil || mayStartFetch(at: now) else {
            // Too soon to ask Clerk again: answer from what we hold.
            guard let current else { throw .jwksUnavailable }
            guard let keys = current.keys(for: kid) else { throw .unknownKeyID }
            return keys
        }
        switch await refresh() {
        case .success(let fetched):
            guard let keys = fetched.keys(for: kid) else { throw .unknownKeyID }
            return keys
        case .failure(let error):
            if let keys = current?.keys(for: kid) {
                logger.warning("Using previously fetched Clerk keys: the JWKS could not be fetched")
                return keys
            }
            throw error
        }
    }

    private func mayStartFetch(at now: Date) -> Bool {
        guard let lastFetchStarted else { return true }
        return now.timeIntervalSince(lastFetchStarted) >= minimumRefetchInterval
    }

    /// Joins the fetch in flight, or starts one.
    private func refresh() async -> Result<ClerkKeySet, AuthError> {
        if let fetchInFlight {
            return await fetchInFlight.value
        }
        lastFetchStarted = clock.now()
        // Unstructured on purpose: a caller that gives up (request cancelled) must not cancel
        // the fetch others are waiting on.
        let task = Task { [fetcher, clock, logger] () -> Result<ClerkKeySet, AuthError> in
            do throws(AuthError) {
                let document = try await fetcher.fetchJWKS()
                return .success(try await ClerkKeySet.parse(document, fetchedAt: clock.now(), logger: logger))
            } catch {
                return .failure(error)
            }
        }
        fetchInFlight = task
        let result = await task.value
        fetchInFlight = nil
        if case .success(let fetched) = result {
            current = fetched
        }
        return result
    }
}
