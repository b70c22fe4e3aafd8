import Foundation

/// Distributions used to generate synthetic item banks.
///
/// Defaults: `log a ~ N(log 1.2, 0.25²)` (a around 1.2, 95 % within 0.74…1.96), `b ~ N(0, 1)`,
/// `c ~ U(0.10, 0.25)` under the 3PL (0 under the 2PL).
public struct BankDistribution: Sendable, Hashable, Codable {
    /// Mean of log a.
    public var logAMean: Double
    /// SD of log a.
    public var logASD: Double
    /// Mean of b.
    public var bMean: Double
    /// SD of b.
    public var bSD: Double
    /// Lower end of the uniform c range.
    public var cLower: Double
    /// Upper end of the uniform c range.
    public var cUpper: Double

    /// Creates the distribution with the documented defaults.
    public init(
        logAMean: Double = log(1.2), logASD: Double = 0.25, bMean: Double = 0, bSD: Double = 1,
        cLower: Double = 0.10, cUpper: Double = 0.25
    ) {
        self.logAMean = logAMean
        self.logASD = logASD
        self.bMean = bMean
        self.bSD = bSD
        self.cLower = cLower
        self.cUpper = cUpper
    }
}

/// Synthetic banks, abilities and responses for simulation studies; all draws come from the
/// caller's generator, so a seed reproduces a data set exactly.
public enum SyntheticData {
    /// `count` items drawn from `distribution` (c = 0 under the 2PL).
    public static func bank<G: RandomNumberGenerator>(
        count: Int, model: IRTModel, distribution: BankDistribution = BankDistribution(), using generator: inout G
    ) -> [ItemParameters] {
        (0..<max(count, 0)).map { _ in
            let a = exp(distribution.logAMean + distribution.logASD * generator.nextStandardNormal())
            let b = distribution.bMean + distribution.bSD * generator.nextStandardNormal()
            let c = model == .threePL
                ? distribution.cLower + (distribution.cUpper - distribution.cLower) * generator.nextUnit()
                : 0
            return ItemParameters(a: a, b: b, c: c)
        }
    }

    /// `count` abilities from N(mean, sd²) (default N(0, 1)).
    public static func abilities<G: RandomNumberGenerator>(
        count: Int, mean: Double = 0, sd: Double = 1, using generator: inout G
    ) -> [Double] {
        (0..<max(count, 0)).map { _ in mean + sd * generator.nextStandardNormal() }
    }

    /// Responses of every simulee to every item (complete design), or to `perExaminee` items
    /// drawn without replacement for each simulee (sparse design), as calibration input.
    public static func responses<G: RandomNumberGenerator>(
        bank: [ItemParameters], thetas: [Double], perExaminee: Int? = nil, using generator: inout G
    ) -> ResponseData {
        var lists: [[(item: Int, correct: Bool)]] = []
        lists.reserveCapacity(thetas.count)
        var order = Array(bank.indices)
        for theta in thetas {
            let chosen: ArraySlice<Int>
            if let k = perExaminee, k < bank.count {
                // Partial Fisher–Yates: the first k positions become a uniform sample.
                for j in 0..<max(k, 0) {
                    let pick = j + Int(generator.next() % UInt64(bank.count - j))
                    order.swapAt(j, pick)
                }
                chosen = order[0..<max(k, 0)]
            } else {
                chosen = order[...]
            }
            lists.append(chosen.map { i in
                (item: i, correct: generator.nextUnit() < bank[i].probability(at: theta))
            })
        }
        return ResponseData(validatedItemCount: bank.count, perPerson: lists)
    }

    /// A complete person × item matrix of simulated responses (e.g. for CAT simulations).
    public static func responseMatrix<G: RandomNumberGenerator>(
        bank: [ItemParameters], thetas: [Double], using generator: inout G
    ) -> ResponseMatrix {
        var values = [Int8](repeating: 0, count: thetas.count * bank.count)
        for (j, theta) in thetas.enumerated() {
            for (i, item) in bank.enumerated() where generator.nextUnit() < item.probability(at: theta) {
                values[j * bank.count + i] = 1
            }
        }
        return ResponseMatrix(validatedPersonCount: thetas.count, itemCount: bank.count, values: values)
    }
}
