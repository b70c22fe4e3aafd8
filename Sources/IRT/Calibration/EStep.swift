import Dispatch
import Foundation

/// Sums over persons that the EM loop needs besides the expected counts.
struct EStepTotals {
    /// Σ_p log ∫ L_p(θ) g(θ) dθ: the marginal log-likelihood.
    var logLikelihood = 0.0
    /// Σ_p E[z | responses] and Σ_p E[z² | responses] on the standardised grid.
    var sumZ = 0.0
    var sumZ2 = 0.0
    /// Persons with at least one response.
    var persons = 0

    static func + (l: EStepTotals, r: EStepTotals) -> EStepTotals {
        EStepTotals(
            logLikelihood: l.logLikelihood + r.logLikelihood, sumZ: l.sumZ + r.sumZ,
            sumZ2: l.sumZ2 + r.sumZ2, persons: l.persons + r.persons)
    }
}

/// The E-step of Bock–Aitkin EM, vectorised over quadrature nodes.
///
/// Layout: the log-likelihood table has one row per (item, outcome) — row `2·item + u` holds
/// `log P(u | θ_q)` for every node — so a response code from ``ResponseData`` is directly a row
/// number and a person's log-likelihood is a branch-free sum of rows. Expected counts use the
/// same layout: row `2·item + 1` collects r_iq (expected correct), row `2·item` the wrong ones.
///
/// Speed: rows are `Float` in blocks of 16 nodes (4 × SIMD4), so a block's running sums stay in
/// registers while a person's responses are walked, and a 100-item table fits in L1 cache. This is
/// the inner loop of calibration (≈ 2·responses·nodes additions per iteration).
///
/// Precision: a log-likelihood summed in Float over n responses carries an absolute error of
/// about n·6e−8·|log P| (≈ 3e−5 for 100 items), i.e. a relative error of that size in posterior
/// weights; counts are summed in Float for at most 1,024 persons and then folded into Double, so
/// the counts are good to ≈ 1e−5 relative. Both are far below the sampling error of the estimates
/// and below the convergence tolerance. Exponentials, normalisation and all totals are Double.
/// Padding nodes carry a log-prior of −∞ and so get weight exactly 0.
final class EStep {
    /// SIMD4 vectors per row (a multiple of 4: whole 16-node blocks).
    let vectors: Int
    let rows: Int
    let threads: Int
    private let nodes: Int
    /// log P(u | θ_q) table, `rows × vectors`.
    private let table: UnsafeMutablePointer<SIMD4<Float>>
    /// log prior weight per node (−∞ in padding).
    private let logPrior: UnsafeMutablePointer<SIMD4<Float>>
    /// z value per node (0 in padding), Double.
    private let z: UnsafeMutablePointer<Double>
    /// Short-run Float counts per thread, folded into `counts` every `flushInterval` persons.
    private let shortCounts: UnsafeMutablePointer<SIMD4<Float>>
    /// Expected counts per thread (Double, `rows × 4·vectors` each); block 0 holds the total.
    private let counts: UnsafeMutablePointer<Double>
    /// Per-thread scratch: one row of Float log-posteriors.
    private let scratch: UnsafeMutablePointer<SIMD4<Float>>
    private let flushInterval = 1024

    init(itemCount: Int, grid: StandardGrid, threads: Int) {
        nodes = grid.nodes.count
        vectors = (nodes + 15) / 16 * 4
        rows = 2 * itemCount
        self.threads = max(threads, 1)
        let width = 4 * vectors
        table = .allocate(capacity: rows * vectors)
        table.initialize(repeating: .zero, count: rows * vectors)
        logPrior = .allocate(capacity: vectors)
        logPrior.initialize(repeating: SIMD4(repeating: -.infinity), count: vectors)
        z = .allocate(capacity: width)
        z.initialize(repeating: 0, count: width)
        shortCounts = .allocate(capacity: self.threads * rows * vectors)
        shortCounts.initialize(repeating: .zero, count: self.threads * rows * vectors)
        counts = .allocate(capacity: self.threads * rows * width)
        counts.initialize(repeating: 0, count: self.threads * rows * width)
        scratch = .allocate(capacity: self.threads * vectors)
        scratch.initialize(repeating: .zero, count: self.threads * vectors)
        for q in 0..<nodes {
            logPrior[q / 4][q % 4] = Float(log(grid.weights[q]))
            z[q] = grid.nodes[q]
        }
    }

    deinit {
        table.deallocate()
        logPrior.deallocate()
        z.deallocate()
        shortCounts.deallocate()
        counts.deallocate()
        scratch.deallocate()
    }

    /// Writes row `row`'s value at node `q`.
    @inline(__always)
    func setTable(row: Int, node q: Int, _ value: Double) {
        table[row * vectors + q / 4][q % 4] = Float(value)
    }

    /// Expected count in row `row` at node `q` (after ``run(_:)``).
    @inline(__always)
    func count(row: Int, node q: Int) -> Double {
        counts[row * 4 * vectors + q]
    }

    /// One E-step over all persons; the counts are left in block 0.
    func run(_ data: ResponseData) -> EStepTotals {
        let persons = data.personCount
        let chunk = (persons + threads - 1) / threads
        let size = rows * 4 * vectors
        counts.update(repeating: 0, count: threads * size)
        shortCounts.update(repeating: .zero, count: threads * rows * vectors)
        if threads == 1 {
            return data.offsets.withUnsafeBufferPointer { offsets in
                data.codes.withUnsafeBufferPointer { codes in
                    accumulate(offsets: offsets, codes: codes, persons: 0..<persons, block: 0)
                }
            }
        }
        // Persons are split into contiguous ranges, each with private counts, so the workers
        // share nothing writable; the blocks are summed afterwards.
        let results = UnsafeMutablePointer<EStepTotals>.allocate(capacity: threads)
        results.initialize(repeating: EStepTotals(), count: threads)
        defer { results.deallocate() }
        let slots = UncheckedBox(results)
        let worker = UncheckedBox(self)
        data.offsets.withUnsafeBufferPointer { offsets in
            data.codes.withUnsafeBufferPointer { codes in
                let o = UncheckedBox(offsets)
                let c = UncheckedBox(codes)
                DispatchQueue.concurrentPerform(iterations: threads) { t in
                    let range = min(t * chunk, persons)..<min((t + 1) * chunk, persons)
                    slots.value[t] = worker.value.accumulate(offsets: o.value, codes: c.value, persons: range, block: t)
                }
            }
        }
        for t in 1..<threads {
            let block = counts + t * size
            for v in 0..<size { counts[v] += block[v] }
        }
        return UnsafeBufferPointer(start: results, count: threads).reduce(EStepTotals(), +)
    }

    private func accumulate(
        offsets: UnsafeBufferPointer<Int>, codes: UnsafeBufferPointer<Int32>, persons: Range<Int>, block: Int
    ) -> EStepTotals {
        let vectors = self.vectors
        let table = self.table
        let logPrior = self.logPrior
        let shortCounts = self.shortCounts + block * rows * vectors
        let counts = self.counts + block * rows * 4 * vectors
        let post = scratch + block * vectors
        var totals = EStepTotals()
        var sinceFlush = 0
        for p in persons {
            let start = offsets[p]
            let end = offsets[p + 1]
            if start == end { continue }
            // Log-posterior, one block of 16 nodes at a time with the running sums in registers:
            // each response then costs 4 vector loads and adds per block and no stores.
            for b in stride(from: 0, to: vectors, by: 4) {
                var a0 = logPrior[b], a1 = logPrior[b + 1], a2 = logPrior[b + 2], a3 = logPrior[b + 3]
                for r in start..<end {
                    let row = table + (Int(codes[r]) &* vectors &+ b)
                    a0 += row[0]
                    a1 += row[1]
                    a2 += row[2]
                    a3 += row[3]
                }
                post[b] = a0
                post[b + 1] = a1
                post[b + 2] = a2
                post[b + 3] = a3
            }
            totals.logLikelihood += normalise(post, totals: &totals)
            for b in stride(from: 0, to: vectors, by: 4) {
                let w0 = post[b], w1 = post[b + 1], w2 = post[b + 2], w3 = post[b + 3]
                for r in start..<end {
                    let row = shortCounts + (Int(codes[r]) &* vectors &+ b)
                    row[0] += w0
                    row[1] += w1
                    row[2] += w2
                    row[3] += w3
                }
            }
            sinceFlush += 1
            if sinceFlush == flushInterval {
                flush(shortCounts, into: counts)
                sinceFlush = 0
            }
        }
        flush(shortCounts, into: counts)
        return totals
    }

    /// Turns a row of log-posteriors into normalised weights (in place, via Double) and adds the
    /// person's E[z], E[z²]; returns the person's marginal log-likelihood.
    @inline(__always)
    private func normalise(_ post: UnsafeMutablePointer<SIMD4<Float>>, totals: inout EStepTotals) -> Double {
        var peakLanes = post[0]
        for v in 1..<vectors { peakLanes = pointwiseMax(peakLanes, post[v]) }
        let peak = Double(peakLanes.max())
        let width = 4 * vectors
        return post.withMemoryRebound(to: Float.self, capacity: width) { flat in
            var total = 0.0
            var sz = 0.0
            var sz2 = 0.0
            for q in 0..<nodes {
                let w = exp(Double(flat[q]) - peak)
                total += w
                sz += w * z[q]
                sz2 += w * z[q] * z[q]
            }
            let scale = 1 / total
            for q in 0..<nodes { flat[q] = Float(exp(Double(flat[q]) - peak) * scale) }
            for q in nodes..<width { flat[q] = 0 }
            totals.sumZ += sz * scale
            totals.sumZ2 += sz2 * scale
            totals.persons += 1
            return peak + log(total)
        }
    }

    /// Adds the Float short-run counts into the Double counts and clears them.
    private func flush(_ short: UnsafeMutablePointer<SIMD4<Float>>, into counts: UnsafeMutablePointer<Double>) {
        for v in 0..<(rows * vectors) {
            let s = short[v]
            counts[4 * v] += Double(s[0])
            counts[4 * v + 1] += Double(s[1])
            counts[4 * v + 2] += Double(s[2])
            counts[4 * v + 3] += Double(s[3])
            short[v] = .zero
        }
    }
}

/// Lets worker threads reach values that are safe to share for the duration of one
/// `concurrentPerform` call: read-only buffers, and an object whose per-thread regions are
/// disjoint (counts, scratch and result slot t belong to worker t). The compiler cannot see
/// that disjointness, hence the unchecked conformance.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
