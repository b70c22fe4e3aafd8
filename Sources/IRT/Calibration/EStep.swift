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
/// Layout: nodes are padded to a multiple of 4 and stored as `SIMD4<Double>` lanes; the
/// log-likelihood table has one row per (item, outcome) — row `2·item + u` holds
/// `log P(u | θ_q)` for every node — so a response code from ``ResponseData`` is directly a row
/// number, and adding a person's responses is a branch-free sum of rows. Padding nodes carry a
/// log-prior of −∞, so their posterior weight is exactly 0. Counts are accumulated in the same
/// layout: row `2·item + 1` gets the expected correct responses r_iq, row `2·item` the wrong ones.
///
/// Per person: log-posterior = log prior + Σ rows; subtract the maximum, exponentiate, normalise
/// (so long response strings never underflow), then add the posterior to each answered row.
/// Cost ≈ 2·(responses)·(nodes) additions plus (persons)·(nodes) exponentials.
final class EStep {
    /// SIMD4 vectors per row.
    let vectors: Int
    let rows: Int
    let threads: Int
    /// log P(u | θ_q) table, `rows × vectors`.
    let table: UnsafeMutablePointer<SIMD4<Double>>
    /// log prior weight per node (−∞ in padding).
    let logPrior: UnsafeMutablePointer<SIMD4<Double>>
    /// z value per node (0 in padding).
    let z: UnsafeMutablePointer<SIMD4<Double>>
    /// Expected counts, one block per thread, summed into block 0 after each pass.
    let counts: UnsafeMutablePointer<SIMD4<Double>>
    /// Per-thread scratch rows.
    let scratch: UnsafeMutablePointer<SIMD4<Double>>

    init(itemCount: Int, grid: StandardGrid, threads: Int) {
        let nodes = grid.nodes.count
        // Rows are padded to whole blocks of 4 vectors (16 nodes): the kernel keeps one block in
        // registers while it walks a person's responses (see `accumulate`).
        vectors = (nodes + 15) / 16 * 4
        rows = 2 * itemCount
        self.threads = max(threads, 1)
        table = .allocate(capacity: rows * vectors)
        table.initialize(repeating: .zero, count: rows * vectors)
        logPrior = .allocate(capacity: vectors)
        logPrior.initialize(repeating: SIMD4(repeating: -.infinity), count: vectors)
        z = .allocate(capacity: vectors)
        z.initialize(repeating: .zero, count: vectors)
        counts = .allocate(capacity: self.threads * rows * vectors)
        counts.initialize(repeating: .zero, count: self.threads * rows * vectors)
        scratch = .allocate(capacity: self.threads * vectors)
        scratch.initialize(repeating: .zero, count: self.threads * vectors)
        for q in 0..<nodes {
            logPrior[q / 4][q % 4] = log(grid.weights[q])
            z[q / 4][q % 4] = grid.nodes[q]
        }
    }

    deinit {
        table.deallocate()
        logPrior.deallocate()
        z.deallocate()
        counts.deallocate()
        scratch.deallocate()
    }

    /// Writes row `row`'s value at node `q`.
    @inline(__always)
    func setTable(row: Int, node q: Int, _ value: Double) {
        table[row * vectors + q / 4][q % 4] = value
    }

    /// Expected count in row `row` at node `q` (after ``run``).
    @inline(__always)
    func count(row: Int, node q: Int) -> Double {
        counts[row * vectors + q / 4][q % 4]
    }

    /// One E-step over all persons; counts are left in block 0.
    func run(_ data: ResponseData) -> EStepTotals {
        let persons = data.personCount
        let chunk = (persons + threads - 1) / max(threads, 1)
        let size = rows * vectors
        counts.update(repeating: .zero, count: threads * size)
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
        let z = self.z
        let counts = self.counts + block * rows * vectors
        let post = scratch + block * vectors
        var totals = EStepTotals()
        for p in persons {
            let start = offsets[p]
            let end = offsets[p + 1]
            if start == end { continue }
            // Log-posterior, one block of 16 nodes at a time with the running sums in registers:
            // each response then costs 4 vector loads and adds per block and no stores.
            for block in stride(from: 0, to: vectors, by: 4) {
                var a0 = logPrior[block], a1 = logPrior[block + 1]
                var a2 = logPrior[block + 2], a3 = logPrior[block + 3]
                for r in start..<end {
                    let row = table + (Int(codes[r]) &* vectors &+ block)
                    a0 += row[0]
                    a1 += row[1]
                    a2 += row[2]
                    a3 += row[3]
                }
                post[block] = a0
                post[block + 1] = a1
                post[block + 2] = a2
                post[block + 3] = a3
            }
            var peakLanes = post[0]
            for v in 1..<vectors { peakLanes = pointwiseMax(peakLanes, post[v]) }
            let peak = peakLanes.max()
            var sum = SIMD4<Double>.zero
            for v in 0..<vectors {
                let d = post[v] - peak
                let e = SIMD4(exp(d[0]), exp(d[1]), exp(d[2]), exp(d[3]))
                post[v] = e
                sum += e
            }
            let total = sum.sum()
            totals.logLikelihood += peak + log(total)
            let scale = 1 / total
            var sz = SIMD4<Double>.zero
            var sz2 = SIMD4<Double>.zero
            for v in 0..<vectors {
                let w = post[v] * scale
                post[v] = w
                sz += w * z[v]
                sz2 += w * z[v] * z[v]
            }
            totals.sumZ += sz.sum()
            totals.sumZ2 += sz2.sum()
            totals.persons += 1
            for block in stride(from: 0, to: vectors, by: 4) {
                let w0 = post[block], w1 = post[block + 1], w2 = post[block + 2], w3 = post[block + 3]
                for r in start..<end {
                    let row = counts + (Int(codes[r]) &* vectors &+ block)
                    row[0] += w0
                    row[1] += w1
                    row[2] += w2
                    row[3] += w3
                }
            }
        }
        return totals
    }
}

/// Lets worker threads reach values that are safe to share for the duration of one
/// `concurrentPerform` call: read-only buffers, and an object whose per-thread regions are
/// disjoint (counts, scratch and result slot t belong to worker t). The compiler cannot see that disjointness, hence the unchecked conformance.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
