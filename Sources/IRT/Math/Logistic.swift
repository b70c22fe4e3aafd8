import Foundation

/// Overflow-free logistic helpers shared by the model, the estimators and calibration.
///
/// Each function is exact to a few ulps for every finite input: the exponential is only ever
/// taken of a non-positive number, so it cannot overflow, and `log1p` keeps precision where the
/// naive `log(1 + x)` would round `x` away.
enum Logistic {
    /// σ(x) = 1 / (1 + e^(−x)), in [0, 1].
    @inline(__always)
    static func sigmoid(_ x: Double) -> Double {
        if x >= 0 {
            return 1 / (1 + exp(-x))
        }
        let e = exp(x)
        return e / (1 + e)
    }

    /// (σ(x), σ(−x)) from a single exponential; the two sum to 1 up to rounding, and each keeps
    /// full relative precision (no `1 − σ` cancellation).
    @inline(__always)
    static func pair(_ x: Double) -> (p: Double, q: Double) {
        let e = exp(-abs(x))
        let big = 1 / (1 + e)
        let small = e * big
        return x >= 0 ? (big, small) : (small, big)
    }

    /// softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^(−|x|)); ≥ 0 and ≥ x.
    @inline(__always)
    static func softplus(_ x: Double) -> Double {
        max(x, 0) + log1p(exp(-abs(x)))
    }

    /// log σ(x) = −softplus(−x), ≤ 0, finite for finite x (≈ x for very negative x).
    @inline(__always)
    static func logSigmoid(_ x: Double) -> Double {
        -softplus(-x)
    }

    /// log(e^x + e^y) without overflow; `-infinity` acts as the neutral element.
    @inline(__always)
    static func logAddExp(_ x: Double, _ y: Double) -> Double {
        let m = max(x, y)
        if m == -.infinity { return -.infinity }
        return m + log1p(exp(-abs(x - y)))
    }
}
