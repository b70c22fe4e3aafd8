import ArgumentParser
import Foundation
import IRT

/// `genta simulate`: simulation studies of the IRT engine (CAT accuracy, calibration recovery,
/// update throughput). Data can be generated from a seed or read from files, so the benchmark
/// can give this command and the Python peers exactly the same bank, simulees and responses.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run IRT simulations: adaptive tests, calibration recovery, update throughput.",
        discussion: """
            File formats (text; blank lines and lines starting with # are skipped):
              --bank       CSV a,b[,c]; an optional header names the columns
                           (or a .json array of {"a","b","c"} objects)
              --thetas     one true ability per line (or a .json array)
              --responses  a matrix, one line per simulee and one character
                           per item (1 correct, 0 wrong, . not answered),
                           or CSV triples person,item,correct (0-based)
              --anchors    CSV item,a,b[,c]: items held fixed (calibrate)
            Without files the bank (a lognormal around 1.2, b ~ N(0,1),
            c ~ U(0.10,0.25) under 3PL), the abilities (N(0,1)) and the
            responses are generated from --seed. With --json exactly one
            JSON object with snake_case keys is printed on stdout.
            """,
        subcommands: [CAT.self, Calibrate.self, Updates.self, Pretest.self])

    /// Options shared by the subcommands that need a bank and simulees.
    struct DataOptions: ParsableArguments {
        @Option(help: "Number of items to generate (ignored with --bank).")
        var items: Int?
        @Option(help: "Number of simulees to generate (ignored with --thetas).")
        var examinees: Int?
        @Option(help: "Item model used for generation and calibration: 2pl or 3pl.")
        var model: IRTModel = .threePL
        @Option(help: "Seed of the random generator (data generation, randomesque draws).")
        var seed: UInt64 = 20_240_601
        @Option(help: "Item bank file (CSV a,b[,c] or JSON).")
        var bank: String?
        @Option(help: "True abilities file (one per line or JSON array).")
        var thetas: String?
        @Option(help: "Responses file (matrix of 0/1/. or CSV triples person,item,correct).")
        var responses: String?
        @Flag(help: "Print exactly one JSON object instead of a summary.")
        var json = false

        /// The bank from --bank, or generated.
        func loadBank(defaultCount: Int, using generator: inout SeededGenerator) throws -> [ItemParameters] {
            if let bank {
                if bank.hasSuffix(".json") {
                    return try JSONDecoder().decode([ItemParameters].self, from: try Simulate.read(bank))
                }
                return try TextFormats.bank(Array(try Simulate.read(bank)))
            }
            return SyntheticData.bank(count: items ?? defaultCount, model: model, using: &generator)
        }

        /// The abilities from --thetas, or generated.
        func loadThetas(defaultCount: Int, using generator: inout SeededGenerator) throws -> [Double] {
            if let thetas {
                if thetas.hasSuffix(".json") {
                    return try JSONDecoder().decode([Double].self, from: try Simulate.read(thetas))
                }
                return try TextFormats.thetas(Array(try Simulate.read(thetas)))
            }
            return SyntheticData.abilities(count: examinees ?? defaultCount, using: &generator)
        }

        /// The responses from --responses, if given.
        func loadResponses() throws -> TextFormats.Responses? {
            guard let responses else { return nil }
            return try TextFormats.responses(Array(try Simulate.read(responses)))
        }
    }

    static func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read file \(path)")
        }
        return data
    }

    static func emit(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static func format(_ x: Double, _ digits: Int = 4) -> String {
        String(format: "%.\(digits)f", x)
    }
}

extension IRTModel: ExpressibleByArgument {}
extension CATEstimator: ExpressibleByArgument {}

extension Simulate {
    /// `simulate cat`: fixed-length adaptive tests on simulees with known θ.
    struct CAT: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cat",
            abstract: "Simulate fixed-length CATs (EAP after each item, prior N(0,1), maximum information).",
            discussion: """
                Defaults: 500 items, 1000 simulees, 20 items per test. --responses must be a complete matrix \
                (simulee × item) when given. --max-exposure R turns on restricted exposure control: an item \
                whose running exposure rate (served / simulees so far) has reached the limit is skipped; the \
                limit is R for a simulee whose estimate has settled and --opening-share × R before that.
                """)

        @OptionGroup var data: DataOptions
        @Option(help: "Items administered per simulee.")
        var length = 20
        @Option(help: "Ability estimator after each item: eap (full-history grid EAP) or sequential (server update).")
        var estimator: CATEstimator = .eap
        @Option(help: "Randomesque exposure control: draw among the top k items (1 = pure maximum information).")
        var randomesque = 1
        @Flag(help: "Score items by posterior-weighted information instead of information at the estimate.")
        var posteriorWeighted = false
        @Option(help: "Restricted exposure control: no item is given once its running exposure rate reaches this (0 < R ≤ 1).")
        var maxExposure: Double?
        @Option(help: "With --max-exposure: the limit before the estimate settles, as a share of R (default \(ExposureControl.defaultOpeningShare); 1 = one limit).")
        var openingShare: Double?
        @Option(help: "With --max-exposure: posterior SD at which an estimate counts as settled (default \(ExposureControl.defaultSettledSD)).")
        var settledSD: Double?
        @Flag(help: "With --max-exposure: mix a random component into the scores until the estimate settles (progressive method).")
        var progressive = false

        func validate() throws {
            _ = try exposureControl()
        }

        /// The exposure control the options ask for; nil without --max-exposure.
        func exposureControl() throws -> ExposureControl? {
            guard let maxExposure else {
                guard openingShare == nil, settledSD == nil, !progressive else {
                    throw ValidationError("--opening-share, --settled-sd and --progressive need --max-exposure")
                }
                return nil
            }
            do throws(ExposureControlError) {
                return try ExposureControl(
                    maxRate: maxExposure, openingShare: openingShare ?? ExposureControl.defaultOpeningShare,
                    settledSD: settledSD ?? ExposureControl.defaultSettledSD, progressive: progressive)
            } catch {
                switch error {
                case .invalidMaxRate(let r): throw ValidationError("--max-exposure must be in (0, 1], got \(r)")
                case .invalidOpeningShare(let share): throw ValidationError("--opening-share must be in (0, 1], got \(share)")
                case .invalidSettledSD(let sd): throw ValidationError("--settled-sd must be in (0, 1), got \(sd)")
                }
            }
        }

        func run() throws {
            let exposure = try exposureControl()
            var generator = SeededGenerator(seed: data.seed)
            let bank = try data.loadBank(defaultCount: 500, using: &generator)
            let thetas = try data.loadThetas(defaultCount: 1000, using: &generator)
            var matrix: ResponseMatrix?
            switch try data.loadResponses() {
            case .matrix(let m)?:
                guard m.personCount >= thetas.count, m.itemCount == bank.count else {
                    throw ValidationError("response matrix is \(m.personCount)×\(m.itemCount), need \(thetas.count)×\(bank.count)")
                }
                matrix = m
            case .triples?:
                throw ValidationError("cat needs a response matrix, not triples")
            case nil:
                matrix = nil
            }
            let configuration = CATConfiguration(
                length: length,
                selector: ItemSelector(
                    criterion: posteriorWeighted ? .posteriorWeightedInformation : .maximumInformation,
                    randomesque: randomesque, exposureControl: exposure),
                estimator: estimator)
            let result = CATSimulator.run(
                bank: bank, thetas: thetas, configuration: configuration, responses: matrix, using: &generator)
            if data.json {
                try Simulate.emit(result)
            } else {
                print("CAT: \(result.examinees) simulees, \(result.items) items, \(result.length) per test, \(result.estimator.rawValue)")
                if let exposure {
                    print("  exposure limit \(Simulate.format(exposure.maxRate, 3)) (opening share \(Simulate.format(exposure.openingShare, 2)), "
                        + "settled SD \(Simulate.format(exposure.settledSD, 2))\(exposure.progressive ? ", progressive" : ""))")
                }
                print("  theta RMSE \(Simulate.format(result.thetaRMSE)) (floor \(Simulate.format(result.rmseFloor))), bias \(Simulate.format(result.thetaBias))")
                print("  mean SE \(Simulate.format(result.meanSE)), max exposure \(Simulate.format(result.maxExposure, 3))")
                print("  \(Simulate.format(result.seconds, 3)) s")
            }
        }
    }

    /// `simulate calibrate`: MML/EM calibration of simulated (or supplied) responses, scored
    /// against the generating parameters.
    struct Calibrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "calibrate",
            abstract: "Calibrate 2PL/3PL items by MML-EM and report parameter recovery.",
            discussion: "Defaults: 100 items, 10000 simulees, complete design. --bank gives the true parameters that RMSEs are computed against.")

        @OptionGroup var data: DataOptions
        @Option(help: "Sparse design: each simulee answers this many random items (default: all).")
        var perExaminee: Int?
        @Option(help: "Items held fixed (CSV item,a,b[,c]).")
        var anchors: String?
        @Option(help: "Items with fewer responses are reported as insufficient data.")
        var minResponses = 30
        @Option(help: "Only items with at least this many responses enter the RMSE summary.")
        var reportMinResponses = 0
        @Option(help: "EM iteration limit.")
        var maxIterations = 500
        @Option(help: "Convergence tolerance on the largest parameter change.")
        var tolerance = 1e-4
        @Option(help: "Quadrature nodes.")
        var quadrature = CalibrationOptions().quadratureNodes
        @Option(help: "Prior SD of log a (prior log a ~ N(0, sd²)).")
        var priorLogASD = ItemPriors().logASD
        @Option(help: "Prior SD of b (prior b ~ N(0, sd²)).")
        var priorBSD = ItemPriors().bSD
        @Flag(help: "Let the log a prior mean follow the items' mean log a (BILOG's FLOAT) instead of staying at 0.")
        var floatLogAPrior = false
        @Option(help: "Worker threads for the E-step.")
        var threads = 1
        @Option(help: "Write the estimates as CSV (item,status,n,a,b,c,se_a,se_b,se_c) to this file.")
        var output: String?

        func run() throws {
            var generator = SeededGenerator(seed: data.seed)
            let bank = try data.loadBank(defaultCount: 100, using: &generator)
            let responses: ResponseData
            switch try data.loadResponses() {
            case .matrix(let m)?:
                responses = m.responseData()
            case .triples(let list, let persons)?:
                responses = try ResponseData(personCount: persons, itemCount: bank.count, responses: list)
            case nil:
                let thetas = try data.loadThetas(defaultCount: 10_000, using: &generator)
                responses = SyntheticData.responses(bank: bank, thetas: thetas, perExaminee: perExaminee, using: &generator)
            }
            guard responses.itemCount == bank.count else {
                throw ValidationError("responses cover \(responses.itemCount) items, the bank has \(bank.count)")
            }
            var anchorMap: [Int: ItemParameters] = [:]
            if let anchors { anchorMap = try TextFormats.anchors(Array(try Simulate.read(anchors))) }
            let priors = ItemPriors(logASD: priorLogASD, bSD: priorBSD, floatLogAMean: floatLogAPrior)
            let options = CalibrationOptions(
                model: data.model, priors: priors, quadratureNodes: quadrature, maxIterations: maxIterations,
                tolerance: tolerance, minimumResponses: minResponses, anchors: anchorMap, threads: threads)
            let (summary, result) = CalibrationRecovery.run(
                trueBank: bank, data: responses, options: options, reportMinimumResponses: reportMinResponses)
            if let output { try write(result, to: output) }
            if data.json {
                try Simulate.emit(summary)
            } else {
                print("Calibration \(summary.model.rawValue): \(summary.items) items, \(summary.examinees) simulees, \(summary.responses) responses")
                print("  RMSE a \(Simulate.format(summary.rmseA)), b \(Simulate.format(summary.rmseB))"
                    + (summary.rmseC.map { ", c \(Simulate.format($0))" } ?? "")
                    + ", bias b \(Simulate.format(summary.biasB)) over \(summary.itemsEvaluated) items")
                print("  \(summary.iterations) iterations, converged \(summary.converged), final change \(summary.finalChange)")
                print("  \(summary.insufficientItems) items with insufficient data; \(Simulate.format(summary.seconds, 3)) s")
            }
        }

        private func write(_ result: CalibrationResult, to path: String) throws {
            var text = "item,status,n,a,b,c,se_a,se_b,se_c\n"
            for (i, item) in result.items.enumerated() {
                switch item {
                case .estimated(let p, let se, let n):
                    text += "\(i),estimated,\(n),\(p.a),\(p.b),\(p.c),\(se.a),\(se.b),\(se.c.map { "\($0)" } ?? "")\n"
                case .anchored(let p, let n):
                    text += "\(i),anchored,\(n),\(p.a),\(p.b),\(p.c),,,\n"
                case .insufficientData(let n):
                    text += "\(i),insufficient_data,\(n),,,,,,\n"
                }
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    /// `simulate updates`: throughput of the server's sequential ability update.
    struct Updates: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "updates",
            abstract: "Measure sequential ability updates per second on one core.")

        @Option(help: "Number of updates to time.")
        var count = 5_000_000
        @Option(help: "Seed for the items and responses.")
        var seed: UInt64 = 20_240_601
        @Flag(help: "Print exactly one JSON object instead of a summary.")
        var json = false

        struct Result: Encodable {
            var updates: Int
            var seconds: Double
            var updatesPerSecond: Double
            var finalMean: Double
            enum CodingKeys: String, CodingKey {
                case updates, seconds
                case updatesPerSecond = "updates_per_second"
                case finalMean = "final_mean"
            }
        }

        func run() throws {
            var generator = SeededGenerator(seed: seed)
            // A pool of items and responses prepared up front so the timed loop is only updates.
            let bank = SyntheticData.bank(count: 1024, model: .threePL, using: &generator)
            let answers = (0..<4096).map { _ in generator.next() & 1 == 1 }
            let updater = SequentialUpdater()
            var estimate = AbilityEstimate.standardPrior
            let clock = ContinuousClock()
            let start = clock.now
            for k in 0..<count {
                // Re-widen periodically, as a long-lived student's posterior would be by drift,
                // so every update works on a realistic variance.
                if k & 63 == 0 { estimate = AbilityEstimate(mean: estimate.mean * 0.5, variance: 1) }
                estimate = updater.update(estimate, item: bank[k & 1023], correct: answers[k & 4095])
            }
            let elapsed = start.duration(to: clock.now).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
            let result = Result(updates: count, seconds: seconds, updatesPerSecond: Double(count) / seconds, finalMean: estimate.mean)
            if json {
                try Simulate.emit(result)
            } else {
                print("\(count) sequential updates in \(Simulate.format(seconds, 3)) s: \(Int(result.updatesPerSecond)) per second")
            }
        }
    }
}
