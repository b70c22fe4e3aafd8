import Foundation

/// How the CAT simulation estimates ability after each response.
public enum CATEstimator: String, Sendable, Hashable, Codable, CaseIterable {
    /// Full-history EAP on an 81-node grid (``GridPosterior``): the exact posterior mean.
    case eap
    /// The server's history-free normal update (``SequentialUpdater``).
    case sequential
}

/// Settings of a CAT simulation.
public struct CATConfiguration: Sendable, Hashable {
    /// Items administered per simulee (fixed-length test).
    public var length: Int
    /// Item selection rule (default: maximum information, no randomesque). With an
    /// ``ItemSelector/exposureControl`` the simulation feeds it each item's running exposure rate.
    public var selector: ItemSelector
    /// Ability estimator after each item.
    public var estimator: CATEstimator
    /// Starting prior (default N(0, 1)); the first item is chosen at its mean.
    public var prior: AbilityEstimate

    /// Creates a configuration.
    public init(
        length: Int, selector: ItemSelector = ItemSelector(), estimator: CATEstimator = .eap,
        prior: AbilityEstimate = .standardPrior
    ) {
        self.length = length
        self.selector = selector
        self.estimator = estimator
        self.prior = prior
    }
}

/// Accuracy, precision and exposure of a simulated CAT.
public struct CATSimulationResult: Sendable, Hashable, Codable {
    /// Number of simulees.
    public var examinees: Int
    /// Bank size.
    public var items: Int
    /// Test length.
    public var length: Int
    /// Estimator used.
    public var estimator: CATEstimator
    /// √mean (θ̂ − θ)².
    public var thetaRMSE: Double
    /// mean (θ̂ − θ).
    public var thetaBias: Double
    /// 1/√(mean over simulees of the test information at the true θ of the items administered):
    /// the RMSE an efficient unbiased estimator would reach with those items.
    public var rmseFloor: Double
    /// Mean final posterior SD.
    public var meanSE: Double
    /// Largest fraction of simulees who saw any single item.
    public var maxExposure: Double
    /// Wall-clock seconds for the whole simulation (selection, responses, estimation).
    public var seconds: Double

    enum CodingKeys: String, CodingKey {
        case examinees, items, length, estimator, seconds
        case thetaRMSE = "theta_rmse"
        case thetaBias = "theta_bias"
        case rmseFloor = "rmse_floor"
        case meanSE = "mean_se"
        case maxExposure = "max_exposure"
    }
}

/// Runs fixed-length computerised adaptive tests on simulees with known abilities.
public enum CATSimulator {
    /// Simulates a CAT for each θ in `thetas` on `bank`.
    ///
    /// Responses come from `responses` when given (entry [simulee, item]; a missing entry is drawn
    /// like the rest), otherwise they are drawn from the 3PL at the true θ with `generator`,
    /// which also drives randomesque selection.
    ///
    /// Exposure control, when the selector has it, sees the usual running estimate of exposure:
    /// for simulee j (0-based) item i's rate is served(i) / (j + 1), the simulees so far counting
    /// the current one as an active student, as the server counts the student being served. With
    /// that count no item ends above ⌈R·N⌉/N (unless every item is over the limit and selection
    /// falls back).
    public static func run<G: RandomNumberGenerator, C: Clock>(
        bank: [ItemParameters], thetas: [Double], configuration: CATConfiguration,
        responses: ResponseMatrix? = nil, using generator: inout G, clock: C = ContinuousClock()
    ) -> CATSimulationResult where C.Duration == Duration {
        let pool = ItemPool(parameters: bank)
        let updater = SequentialUpdater()
        var exposure = [Int](repeating: 0, count: bank.count)
        var used = [Bool](repeating: false, count: bank.count)
        var sumSquared = 0.0, sumError = 0.0, sumInformation = 0.0, sumSE = 0.0
        let (_, seconds) = measureSeconds(on: clock) {
            for (j, trueTheta) in thetas.enumerated() {
                for i in used.indices { used[i] = false }
                var grid = GridPosterior(prior: configuration.prior)
                var estimate = configuration.prior
                var information = 0.0
                let active = Double(j + 1)
                for _ in 0..<max(configuration.length, 0) {
                    guard let i = configuration.selector.selectIndex(
                        in: pool, ability: estimate, exposureRate: { Double(exposure[$0]) / active },
                        using: &generator, isEligible: { !used[$0] })
                    else { break }
                    used[i] = true
                    exposure[i] += 1
                    information += bank[i].information(at: trueTheta)
                    let correct = responses?.response(person: j, item: i)
                        ?? (generator.nextUnit() < bank[i].probability(at: trueTheta))
                    switch configuration.estimator {
                    case .eap:
                        grid.update(item: bank[i], correct: correct)
                        estimate = grid.estimate
                    case .sequential:
                        estimate = updater.update(estimate, item: bank[i], correct: correct)
                    }
                }
                let error = estimate.mean - trueTheta
                sumSquared += error * error
                sumError += error
                sumInformation += information
                sumSE += estimate.sd
            }
        }
        let n = Double(max(thetas.count, 1))
        return CATSimulationResult(
            examinees: thetas.count, items: bank.count, length: configuration.length,
            estimator: configuration.estimator,
            thetaRMSE: (sumSquared / n).squareRoot(), thetaBias: sumError / n,
            rmseFloor: sumInformation > 0 ? 1 / (sumInformation / n).squareRoot() : .infinity,
            meanSE: sumSE / n,
            maxExposure: Double(exposure.max() ?? 0) / n,
            seconds: seconds)
    }
}
