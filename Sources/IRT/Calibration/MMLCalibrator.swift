import Foundation

/// Marginal maximum-likelihood item calibration by the EM algorithm of Bock & Aitkin (1981),
/// with priors on the item parameters (so the estimates are marginal posterior modes).
///
/// - Latent distribution: N(μ, σ²) on `quadratureNodes` evenly spaced nodes `θ_q = μ + σ·z_q`.
///   Without anchors μ = 0, σ = 1 fixed: that fixes the scale. With anchors the anchors fix the
///   scale, so μ and σ are re-estimated each iteration from the posterior moments and the latent
///   distribution is *not* standardised back to N(0, 1). With `fixedLatent` μ and σ are held
///   at the given values whatever the anchors.
/// - E-step: see ``EStep``. M-step: each free item separately (``ItemMStep``).
/// - Convergence: the largest change of any free a, b, c (and μ, σ with anchors) between two
///   iterations is below `tolerance`.
/// - Items answered fewer than `minimumResponses` times are `.insufficientData`; their responses
///   are dropped before fitting.
/// - Standard errors: inverse of each item's expected information (with its prior) given the
///   final E-step counts. This treats the other items and the latent distribution as known, the
///   usual approximation; it slightly understates uncertainty for items with few responses.
public enum MMLCalibrator {
    /// Calibrates the items in `data`; never fails (degenerate data give insufficient items).
    public static func calibrate(_ data: ResponseData, options: CalibrationOptions = CalibrationOptions()) -> CalibrationResult {
        let itemCount = data.itemCount
        let sampleSizes = data.sampleSizes()
        let correctCounts = data.correctCounts()
        var status = [ItemStatus](repeating: .free, count: itemCount)
        for i in 0..<itemCount {
            if options.anchors[i] != nil {
                status[i] = .anchored
            } else if sampleSizes[i] < max(options.minimumResponses, 1) {
                status[i] = .insufficient
            }
        }
        let fitted = status.contains(.insufficient) ? dropResponses(of: status, from: data) : data
        var parameters = (0..<itemCount).map { i -> ItemParameters in
            if let anchor = options.anchors[i] { return anchor }
            return StartingValues.guess(
                correct: correctCounts[i], total: sampleSizes[i], model: options.model, priors: options.priors)
        }
        let grid = StandardGrid(count: max(options.quadratureNodes, 5), halfWidth: options.quadratureHalfWidth)
        let estep = EStep(itemCount: itemCount, grid: grid, threads: options.threads)
        // Anchors outside the bank are ignored, so only anchors actually in use fix the scale.
        let estimatesLatent = status.contains(.anchored) && options.fixedLatent == nil
        var latentMean = options.fixedLatent?.mean ?? 0
        var latentSD = options.fixedLatent?.sd ?? 1
        // Node abilities and one item's expected counts, reused by every M-step. Raw buffers,
        // not arrays: the M-step reads them through pointers while the loop rewrites them.
        let nodeCount = grid.nodes.count
        let thetas = UnsafeMutableBufferPointer<Double>.allocate(capacity: nodeCount)
        let correctAt = UnsafeMutableBufferPointer<Double>.allocate(capacity: nodeCount)
        let totalAt = UnsafeMutableBufferPointer<Double>.allocate(capacity: nodeCount)
        defer {
            thetas.deallocate()
            correctAt.deallocate()
            totalAt.deallocate()
        }
        thetas.initialize(repeating: 0)
        correctAt.initialize(repeating: 0)
        totalAt.initialize(repeating: 0)
        var priors = options.priors
        let freeCount = status.filter { $0 == .free }.count
        func mStep() -> ItemMStep {
            ItemMStep(
                thetas: UnsafeBufferPointer(thetas), correct: UnsafeBufferPointer(correctAt),
                total: UnsafeBufferPointer(totalAt), model: options.model, priors: priors)
        }
        var iterations = 0
        var change = Double.infinity
        var converged = false
        var logLikelihood = -Double.infinity

        func expectedCounts(item i: Int) {
            for q in 0..<grid.nodes.count {
                let wrong = estep.count(row: 2 * i, node: q)
                correctAt[q] = estep.count(row: 2 * i + 1, node: q)
                totalAt[q] = wrong + correctAt[q]
            }
        }

        while iterations < options.maxIterations {
            iterations += 1
            for q in 0..<grid.nodes.count { thetas[q] = latentMean + latentSD * grid.nodes[q] }
            fillTable(estep, parameters: parameters, status: status, thetas: thetas)
            let totals = estep.run(fitted)
            logLikelihood = totals.logLikelihood
            change = 0
            for i in 0..<itemCount where status[i] == .free {
                expectedCounts(item: i)
                let next = mStep().maximise(from: parameters[i])
                change = max(change, abs(next.a - parameters[i].a), abs(next.b - parameters[i].b), abs(next.c - parameters[i].c))
                parameters[i] = next
            }
            if priors.floatLogAMean, freeCount >= 5 {
                let sum = (0..<itemCount).reduce(0.0) { status[$1] == .free ? $0 + log(parameters[$1].a) : $0 }
                priors.logAMean = sum / Double(freeCount)
            }
            if estimatesLatent, totals.persons > 0 {
                let meanZ = totals.sumZ / Double(totals.persons)
                let varZ = max(totals.sumZ2 / Double(totals.persons) - meanZ * meanZ, 1e-6)
                let nextMean = latentMean + latentSD * meanZ
                let nextSD = latentSD * varZ.squareRoot()
                change = max(change, abs(nextMean - latentMean), abs(nextSD - latentSD))
                latentMean = nextMean
                latentSD = nextSD
            }
            if change < options.tolerance {
                converged = true
                break
            }
        }

        // Standard errors from the counts of the final E-step.
        for q in 0..<grid.nodes.count { thetas[q] = latentMean + latentSD * grid.nodes[q] }
        fillTable(estep, parameters: parameters, status: status, thetas: thetas)
        _ = estep.run(fitted)
        var items: [CalibratedItem] = []
        items.reserveCapacity(itemCount)
        for i in 0..<itemCount {
            switch status[i] {
            case .anchored:
                items.append(.anchored(parameters[i], sampleSize: sampleSizes[i]))
            case .insufficient:
                items.append(.insufficientData(sampleSize: sampleSizes[i]))
            case .free:
                expectedCounts(item: i)
                items.append(.estimated(
                    parameters[i], standardErrors: mStep().standardErrors(at: parameters[i]),
                    sampleSize: sampleSizes[i]))
            }
        }
        return CalibrationResult(
            items: items, iterations: iterations, converged: converged, finalChange: change,
            logLikelihood: logLikelihood, latentMean: latentMean, latentSD: latentSD)
    }

    private enum ItemStatus { case free, anchored, insufficient }

    /// Writes log P and log Q of every usable item at the current nodes.
    private static func fillTable(
        _ estep: EStep, parameters: [ItemParameters], status: [ItemStatus], thetas: UnsafeMutableBufferPointer<Double>
    ) {
        for (i, item) in parameters.enumerated() where status[i] != .insufficient {
            for (q, theta) in thetas.enumerated() {
                estep.setTable(row: 2 * i, node: q, item.logLikelihood(correct: false, at: theta))
                estep.setTable(row: 2 * i + 1, node: q, item.logLikelihood(correct: true, at: theta))
            }
        }
    }

    /// The same data without the responses to insufficient items.
    private static func dropResponses(of status: [ItemStatus], from data: ResponseData) -> ResponseData {
        let lists = (0..<data.personCount).map { p in
            data.responses(ofPerson: p).filter { status[$0.item] != .insufficient }
        }
        return ResponseData(validatedItemCount: data.itemCount, perPerson: lists)
    }
}

/// Starting values for EM from classical item statistics.
enum StartingValues {
    /// a = 1; c = the prior mode (3PL, capped below the proportion correct); b from the
    /// proportion correct p, corrected for guessing to p* = (p − c)/(1 − c): for θ ~ N(0, 1) and
    /// a = 1, E[σ(θ − b)] ≈ σ(−b/√(1 + π/8)), so b ≈ −1.18·logit(p*), clamped to ±4.
    static func guess(correct: Int, total: Int, model: IRTModel, priors: ItemPriors) -> ItemParameters {
        let p = (Double(correct) + 0.5) / (Double(total) + 1)
        let c = model == .threePL ? min(priors.cMode, 0.5 * p) : 0
        let pStar = min(max((p - c) / (1 - c), 0.01), 0.99)
        let b = min(max(-1.18 * log(pStar / (1 - pStar)), -4), 4)
        return ItemParameters(a: 1, b: b, c: c)
    }
}
