import ArgumentParser
import Foundation
import IRT

extension Simulate {
    /// `simulate pretest`: pretest items seeded into adaptive practice, calibrated online with
    /// the operational items as anchors, and judged by the promotion rule.
    struct Pretest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pretest",
            abstract: "Simulate pretest items seeded into adaptive practice and their anchored calibration.",
            discussion: """
                Simulees (θ ~ N(0,1)) take adaptive sessions of --length operational items
                (maximum information) whose answers update θ; every (1/rate)-th served item
                is a pretest item, drawn uniformly, answered from its true 3PL and not used
                for θ. After enough sessions for each --responses-per-item target, the
                responses are calibrated by MML-EM with every operational item anchored at its
                true parameters, then again with anchors perturbed by --anchor-b-error and
                --anchor-log-a-error, and the pretest items are put to the promotion rule.
                The same sessions are run without pretest items to compare θ RMSE.
                Defaults: 300 operational and 50 pretest items, 30 operational items per
                session, rate 0.1.
                """)

        @Option(help: "Operational items (anchored in calibration).")
        var operationalItems = 300
        @Option(help: "Pretest items (free in calibration).")
        var pretestItems = 50
        @Option(help: "Share of pretest items that are flawed (true a drawn from 0.1 … 0.3).")
        var flawedShare = 0.1
        @Option(help: "Operational items per session; pretest items come on top.")
        var length = 30
        @Option(help: "Share of served items that are pretest items (0.1 = every 10th).")
        var rate = 0.1
        @Option(help: "Targets of responses per pretest item, comma-separated, one table row each.")
        var responsesPerItem = "100,200,400,800,1600"
        @Option(help: "Ability estimator in the sessions: sequential (server update) or eap.")
        var estimator: CATEstimator = .sequential
        @Option(help: "Randomesque exposure control: draw among the top k items (1 = pure maximum information).")
        var randomesque = 1
        @Option(help: "SD of the error added to each anchor's b in the perturbed-anchor calibration.")
        var anchorBError = 0.1
        @Option(help: "SD of the error added to each anchor's log a in the perturbed-anchor calibration.")
        var anchorLogAError = 0.1
        @Option(help: "Promotion rule: responses needed.")
        var minResponses = PretestPromotion().minimumResponses
        @Option(name: .customLong("max-se-b"), help: "Promotion rule: largest standard error of b.")
        var maxSEB = PretestPromotion().maximumSEB
        @Option(help: "Promotion rule: responses after which an item still imprecise is stalled (sent for review).")
        var maxResponses = PretestPromotion().maximumResponses
        @Option(help: "Worker threads for the E-step.")
        var threads = 1
        @Option(help: "Seed of the random generator.")
        var seed: UInt64 = 20_240_601
        @Flag(help: "Print exactly one JSON object instead of a table.")
        var json = false

        func run() throws {
            var targets: [Int] = []
            for field in responsesPerItem.split(separator: ",") {
                guard let n = Int(field.trimmingCharacters(in: .whitespaces)), n > 0 else {
                    throw ValidationError("--responses-per-item: expected positive integers separated by commas, got \(responsesPerItem)")
                }
                targets.append(n)
            }
            var calibration = CalibrationOptions()
            calibration.threads = threads
            let configuration = PretestSimulationConfiguration(
                operationalItems: operationalItems, pretestItems: pretestItems, flawedShare: flawedShare,
                length: length, rate: rate,
                responsesPerItem: targets, selector: ItemSelector(randomesque: randomesque), estimator: estimator,
                anchorBError: anchorBError, anchorLogAError: anchorLogAError,
                promotion: PretestPromotion(minimumResponses: minResponses, maximumSEB: maxSEB, maximumResponses: maxResponses),
                calibration: calibration)
            var generator = SeededGenerator(seed: seed)
            let result: PretestSimulationResult
            do {
                result = try PretestSimulation.run(configuration: configuration, using: &generator)
            } catch {
                throw ValidationError("\(error)")
            }
            if json {
                try Simulate.emit(result)
            } else {
                for line in Self.table(result) { print(line) }
            }
        }

        /// The summary: one line per target, true anchors first, then perturbed anchors.
        static func table(_ result: PretestSimulationResult) -> [String] {
            func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(width - text.count, 0)) + text }
            func cell(_ x: Double, _ width: Int, _ digits: Int = 3) -> String { pad(Simulate.format(x, digits), width) }
            func counts(_ c: PretestDecisionCounts) -> String {
                "\(c.promote)/\(c.needsMoreResponses)/\(c.imprecise)/\(c.stalled)/\(c.implausible)"
            }
            func line(_ row: PretestSampleResult, _ r: PretestRecovery) -> String {
                pad("\(row.responsesPerItem)", 8) + pad("\(row.sessions)", 9) + pad("\(row.minimumResponses)", 6)
                    + cell(r.rmseB, 8) + cell(r.biasB, 8) + cell(r.rmseA, 8) + cell(r.rmseC, 8) + cell(r.meanSEB, 7)
                    + cell(r.zRMSB, 7, 2) + cell(r.coverageB, 7, 2)
                    + (r.sound.promote > 0 ? cell(r.rmseBPromoted, 10) : pad("-", 10))
                    + pad(counts(r.sound), 17) + pad(counts(r.flawed), 13)
            }
            let header = "  n/item sessions min n  RMSE b  bias b  RMSE a  RMSE c   SE b  z RMS  cover  b promo.  sound p/m/i/s/x  flawed p/m/i/s/x"
            var lines = [
                "Pretest calibration: \(result.operationalItems) operational items anchored, \(result.pretestItems) pretest items free (\(result.flawedItems) flawed)",
                "  sessions of \(result.length) operational + \(result.pretestPerSession) pretest items (rate \(Simulate.format(result.rate, 2))), \(result.estimator.rawValue) θ update",
                "  errors over the sound items; SE b = mean reported SE(b), z RMS = √mean((b̂ − b)/SE)², cover = share within ±1.96 SE,",
                "  b promo. = RMSE b of the promoted; decisions promote/needs more/imprecise/stalled/implausible",
                "True anchors:",
                header,
            ]
            lines += result.rows.map { line($0, $0.trueAnchors) }
            if result.rows.contains(where: { $0.perturbedAnchors != nil }) {
                lines.append("Perturbed anchors (b + N(0, \(Simulate.format(result.anchorBError, 2))²), log a + N(0, \(Simulate.format(result.anchorLogAError, 2))²)):")
                lines.append(header)
                lines += result.rows.compactMap { row in row.perturbedAnchors.map { line(row, $0) } }
            }
            lines.append("θ RMSE with / without pretest items:")
            lines += result.rows.map { row in
                pad("\(row.responsesPerItem)", 8) + pad("\(row.sessions)", 9) + "      "
                    + cell(row.thetaRMSE, 8, 4) + cell(row.thetaRMSEWithoutPretest, 8, 4)
            }
            lines.append("  largest |θ̂ with − θ̂ without| over all simulees: \(result.maxThetaDifference)")
            lines.append("  \(Simulate.format(result.seconds, 3)) s")
            return lines
        }
    }
}
