import Foundation

/// The M-step for one item: maximise the expected complete-data log-posterior
///
///     F(α, b, c) = Σ_q [r_q log P(θ_q) + (n_q − r_q) log Q(θ_q)] + log prior,   α = log a,
///
/// where n_q and r_q are the expected numbers of responses and correct responses at node θ_q
/// from the E-step. Fisher scoring with the expected information, step halving when F would
/// decrease, and box limits (a ∈ [0.05, 10], |b| ≤ 10, c ∈ [1e−4, 0.6]) that keep a wild step from
/// leaving the model's domain.
///
/// Derivatives use `v_j = (∂P/∂j)/Q*`, which cancels the Q* in `P·Q = P·(1 − c)·Q*`, so no term
/// divides by a vanishing probability: `v_α = (1 − c)P*·x`, `v_b = −(1 − c)P*·a`, `v_c = 1`, and
/// gradient `g_j = Σ (r − nP)·v_j/(P(1 − c))`, information `I_jk = Σ n·Q*·v_j·v_k/(P(1 − c))`.
struct ItemMStep {
    let thetas: UnsafeBufferPointer<Double>
    let correct: UnsafeBufferPointer<Double>
    let total: UnsafeBufferPointer<Double>
    let model: IRTModel
    let priors: ItemPriors

    /// Parameter vector (log a, b, c) used internally.
    struct Point {
        var logA: Double
        var b: Double
        var c: Double
        var item: ItemParameters { ItemParameters(a: exp(logA), b: b, c: c) }
    }

    /// Runs up to `steps` Fisher-scoring steps from `start`.
    func maximise(from start: ItemParameters, steps: Int = 25) -> ItemParameters {
        var point = clamp(Point(logA: log(max(start.a, 0.05)), b: start.b, c: start.c))
        var value = objective(point)
        for _ in 0..<steps {
            let (gradient, information) = derivatives(point)
            guard let step = Symmetric3.solve(information, gradient) else { break }
            var scale = 1.0
            var accepted = false
            for _ in 0..<12 {
                let candidate = clamp(Point(
                    logA: point.logA + scale * step[0],
                    b: point.b + scale * step[1],
                    c: point.c + scale * step[2]))
                let candidateValue = objective(candidate)
                if candidateValue >= value - 1e-12 * abs(value) {
                    let change = max(abs(candidate.logA - point.logA), abs(candidate.b - point.b), abs(candidate.c - point.c))
                    point = candidate
                    value = candidateValue
                    accepted = true
                    if change < 1e-7 { return point.item }
                    break
                }
                scale *= 0.5
            }
            if !accepted { break }
        }
        return point.item
    }

    /// Standard errors from the inverse information (including the priors) at `item`.
    func standardErrors(at item: ItemParameters) -> ParameterErrors {
        let point = Point(logA: log(item.a), b: item.b, c: item.c)
        let (_, information) = derivatives(point)
        let unit = SIMD3<Double>(1, 0, 0)
        guard let col0 = Symmetric3.solve(information, unit),
              let col1 = Symmetric3.solve(information, SIMD3(0, 1, 0)),
              let col2 = Symmetric3.solve(information, SIMD3(0, 0, 1))
        else {
            return ParameterErrors(a: .infinity, b: .infinity, c: isThreePL ? .infinity : nil)
        }
        // SE(a) by the delta method from SE(log a): da = a·dα.
        return ParameterErrors(
            a: item.a * max(col0[0], 0).squareRoot(),
            b: max(col1[1], 0).squareRoot(),
            c: isThreePL ? max(col2[2], 0).squareRoot() : nil)
    }

    private var isThreePL: Bool { model == .threePL }

    private func clamp(_ p: Point) -> Point {
        Point(
            logA: min(max(p.logA, log(0.05)), log(10)),
            b: min(max(p.b, -10), 10),
            c: isThreePL ? min(max(p.c, 1e-4), 0.6) : 0)
    }

    /// F at `p`.
    func objective(_ p: Point) -> Double {
        let a = exp(p.logA)
        let c = p.c
        let logOneMinusC = log1p(-c)
        var sum = 0.0
        for q in 0..<thetas.count {
            let n = total[q]
            if n <= 0 { continue }
            let r = correct[q]
            let x = a * (thetas[q] - p.b)
            let logP = c > 0 ? log(c + (1 - c) * Logistic.sigmoid(x)) : Logistic.logSigmoid(x)
            let logQ = logOneMinusC + Logistic.logSigmoid(-x)
            sum += r * logP + (n - r) * logQ
        }
        return sum + logPrior(p)
    }

    private func logPrior(_ p: Point) -> Double {
        let za = (p.logA - priors.logAMean) / priors.logASD
        let zb = (p.b - priors.bMean) / priors.bSD
        var value = -0.5 * (za * za + zb * zb)
        if isThreePL {
            value += (priors.cAlpha - 1) * log(p.c) + (priors.cBeta - 1) * log1p(-p.c)
        }
        return value
    }

    /// Gradient of F and its expected information (negative expected Hessian) at `p`, in
    /// (log a, b, c). Under the 2PL the c row and column are those of the identity with a zero
    /// gradient, so the same 3×3 solve leaves c at 0.
    func derivatives(_ p: Point) -> (SIMD3<Double>, Symmetric3) {
        let a = exp(p.logA)
        let c = p.c
        var g = SIMD3<Double>(repeating: 0)
        var info = Symmetric3()
        for q in 0..<thetas.count {
            let n = total[q]
            if n <= 0 { continue }
            let x = a * (thetas[q] - p.b)
            let (pStar, qStar) = Logistic.pair(x)
            let prob = c + (1 - c) * pStar
            guard prob > 0 else { continue }
            let denominator = prob * (1 - c)
            let v = SIMD3<Double>((1 - c) * pStar * x, -(1 - c) * pStar * a, 1)
            g += ((correct[q] - n * prob) / denominator) * v
            info.addOuter(v, weight: n * qStar / denominator)
        }
        let precisionA = 1 / (priors.logASD * priors.logASD)
        let precisionB = 1 / (priors.bSD * priors.bSD)
        g[0] -= (p.logA - priors.logAMean) * precisionA
        info.m00 += precisionA
        g[1] -= (p.b - priors.bMean) * precisionB
        info.m11 += precisionB
        if isThreePL {
            g[2] += (priors.cAlpha - 1) / p.c - (priors.cBeta - 1) / (1 - p.c)
            info.m22 += max(priors.cAlpha - 1, 0) / (p.c * p.c) + max(priors.cBeta - 1, 0) / ((1 - p.c) * (1 - p.c))
        } else {
            g[2] = 0
            info.m20 = 0
            info.m21 = 0
            info.m22 = 1
        }
        return (g, info)
    }
}

/// A symmetric 3×3 matrix (lower triangle stored) with a Cholesky solve.
struct Symmetric3 {
    var m00 = 0.0, m10 = 0.0, m11 = 0.0, m20 = 0.0, m21 = 0.0, m22 = 0.0

    /// Adds `weight·v·vᵀ`.
    @inline(__always)
    mutating func addOuter(_ v: SIMD3<Double>, weight: Double) {
        m00 += weight * v[0] * v[0]
        m10 += weight * v[1] * v[0]
        m11 += weight * v[1] * v[1]
        m20 += weight * v[2] * v[0]
        m21 += weight * v[2] * v[1]
        m22 += weight * v[2] * v[2]
    }

    /// Solves `m·x = y` by Cholesky; nil unless `m` is positive definite.
    static func solve(_ m: Symmetric3, _ y: SIMD3<Double>) -> SIMD3<Double>? {
        guard m.m00 > 0 else { return nil }
        let l00 = m.m00.squareRoot()
        let l10 = m.m10 / l00
        let l20 = m.m20 / l00
        let d1 = m.m11 - l10 * l10
        guard d1 > 0 else { return nil }
        let l11 = d1.squareRoot()
        let l21 = (m.m21 - l20 * l10) / l11
        let d2 = m.m22 - l20 * l20 - l21 * l21
        guard d2 > 0 else { return nil }
        let l22 = d2.squareRoot()
        // Forward substitution L·z = y, then back substitution Lᵀ·x = z.
        let z0 = y[0] / l00
        let z1 = (y[1] - l10 * z0) / l11
        let z2 = (y[2] - l20 * z0 - l21 * z1) / l22
        let x2 = z2 / l22
        let x1 = (z1 - l21 * x2) / l11
        let x0 = (z0 - l10 * x1 - l20 * x2) / l00
        let x = SIMD3(x0, x1, x2)
        return (x[0].isFinite && x[1].isFinite && x[2].isFinite) ? x : nil
    }
}
