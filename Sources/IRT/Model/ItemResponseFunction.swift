import Foundation

/// The item response function of the 3PL model and its derived quantities.
///
/// With `x = a(θ − b)`, `P* = σ(x)` and `Q* = σ(−x)` (computed separately, so `1 − P*` never
/// cancels):
/// - `P = c + (1 − c)·P*`, `Q = 1 − P = (1 − c)·Q*`.
/// - Fisher information `I = a²·(Q/P)·((P − c)/(1 − c))² = a²·(1 − c)·Q*·P*²/P`.
///
/// Properties relied on by the tests: `c ≤ P ≤ 1`; `P(b) = (1 + c)/2`; for `c = 0`,
/// `P(b + t) = 1 − P(b − t)` and `I(b + t) = I(b − t)`, with `max I = a²/4` at `θ = b`.
extension ItemParameters {
    /// Probability of a correct response at ability `theta`.
    @inline(__always)
    public func probability(at theta: Double) -> Double {
        c + (1 - c) * Logistic.sigmoid(a * (theta - b))
    }

    /// Log-probability of the observed response at `theta`: `log P` if correct, `log Q` otherwise.
    ///
    /// Stable for every finite input with `0 ≤ c < 1`: `log Q = log1p(−c) + log σ(−x)` never
    /// underflows to `-infinity`; `log P` uses `log1p(−Q)` when `P > ½` (keeping the tiny
    /// `Q` that `log(P)` would round away) and `log σ(x)` for a 2PL item far below `b`.
    @inline(__always)
    public func logLikelihood(correct: Bool, at theta: Double) -> Double {
        let x = a * (theta - b)
        if !correct {
            return log1p(-c) + Logistic.logSigmoid(-x)
        }
        let (pStar, qStar) = Logistic.pair(x)
        let q = (1 - c) * qStar
        if q < 0.5 { return log1p(-q) }
        if c == 0 { return Logistic.logSigmoid(x) }
        return log(c + (1 - c) * pStar)
    }

    /// Fisher information `a²·(Q/P)·((P − c)/(1 − c))²` at `theta`; 0 where `P*` underflows.
    ///
    /// For `c = 0` this is `a²·P·Q`; the maximum of a 3PL item lies slightly above `b`, at
    /// `θ = b + log((1 + √(1 + 8c))/2)/a`.
    @inline(__always)
    public func information(at theta: Double) -> Double {
        let (pStar, qStar) = Logistic.pair(a * (theta - b))
        if pStar == 0 { return 0 }
        let p = c + (1 - c) * pStar
        return a * a * (1 - c) * qStar * pStar * (pStar / p)
    }

    /// d/dθ of `logLikelihood(correct:at:)`, used by the mode estimators.
    ///
    /// Correct: `a(1 − c)P*Q*/P`; wrong: `−a·P*`.
    @inline(__always)
    func scoreContribution(correct: Bool, at theta: Double) -> Double {
        let (pStar, qStar) = Logistic.pair(a * (theta - b))
        if !correct { return -a * pStar }
        let p = c + (1 - c) * pStar
        return p > 0 ? a * (1 - c) * pStar * qStar / p : a
    }
}
