import GentaCore
import Foundation

/// When to stop calling a provider that keeps failing.
public struct CircuitBreakerPolicy: Sendable, Equatable {
    /// Consecutive failed calls (of any kind) that open the circuit.
    public var failureThreshold: Int
    /// How long an open circuit skips the provider before one trial call is let through.
    public var coolDown: Duration

    public init(failureThreshold: Int = 3, coolDown: Duration = .seconds(30)) {
        self.failureThreshold = max(1, failureThreshold)
        self.coolDown = coolDown
    }
}

/// A provider's circuit as the chain sees it.
public enum CircuitState: Sendable, Equatable {
    /// Calls go through.
    case closed
    /// Calls are skipped until the cool-down ends.
    case open
    /// The cool-down has ended: the next call is a trial whose result closes or reopens it.
    case halfOpen
}

/// One provider's breaker: closed → (threshold failures) → open → (cool-down) → half-open → one
/// trial call → closed on success, open again on failure. Time comes from the caller, so a
/// test moves through it with a hand-driven clock.
struct CircuitBreaker {
    enum Admission: Equatable {
        /// An ordinary call, retries allowed.
        case normal
        /// The single trial after a cool-down: one call, no retries.
        case trial
    }

    private enum Phase: Equatable {
        case closed(failures: Int)
        case open(until: Date)
        case halfOpen(trialInFlight: Bool)
    }

    let policy: CircuitBreakerPolicy
    private var phase = Phase.closed(failures: 0)

    init(policy: CircuitBreakerPolicy) {
        self.policy = policy
    }

    func state(at now: Date) -> CircuitState {
        switch phase {
        case .closed: .closed
        case .open(let until): now >= until ? .halfOpen : .open
        case .halfOpen: .halfOpen
        }
    }

    /// Whether a call may start now, and which kind; nil to skip the provider. While a trial
    /// is in flight other requests skip it, so that a recovering provider gets one call, not a
    /// stampede.
    mutating func admit(at now: Date) -> Admission? {
        switch phase {
        case .closed:
            return .normal
        case .open(let until):
            guard now >= until else { return nil }
            phase = .halfOpen(trialInFlight: true)
            return .trial
        case .halfOpen(let trialInFlight):
            guard !trialInFlight else { return nil }
            phase = .halfOpen(trialInFlight: true)
            return .trial
        }
    }

    mutating func recordSuccess() {
        phase = .closed(failures: 0)
    }

    mutating func recordFailure(at now: Date) {
        switch phase {
        case .closed(let failures):
            phase = failures + 1 >= policy.failureThreshold ? .open(until: now + policy.coolDown.timeInterval) : .closed(failures: failures + 1)
        case .halfOpen:
            phase = .open(until: now + policy.coolDown.timeInterval)
        case .open:
            // A call admitted before the circuit opened has failed too: the cool-down stands.
            break
        }
    }

    /// A trial that ended without a verdict (the request was cancelled) frees the slot.
    mutating func abandonTrial() {
        if phase == .halfOpen(trialInFlight: true) {
            phase = .halfOpen(trialInFlight: false)
        }
    }
}
