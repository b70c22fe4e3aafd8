import Testing
@testable import IRT

@Suite("Exposure control in simulated CATs")
struct ExposureControlSimulationTests {
    /// A 500-item bank, simulees and a complete response matrix from `seed`. The matrix fixes every
    /// simulee's answer to every item, so the rules compared differ only in the items they choose.
    func data(seed: UInt64, simulees: Int) -> (bank: [ItemParameters], thetas: [Double], responses: ResponseMatrix) {
        var g = SeededGenerator(seed: seed)
        let bank = SyntheticData.bank(count: 500, model: .threePL, using: &g)
        let thetas = SyntheticData.abilities(count: simulees, using: &g)
        return (bank, thetas, SyntheticData.responseMatrix(bank: bank, thetas: thetas, using: &g))
    }

    func run(_ selector: ItemSelector, on d: (bank: [ItemParameters], thetas: [Double], responses: ResponseMatrix)) -> CATSimulationResult {
        var g = SeededGenerator(seed: 1)
        return CATSimulator.run(
            bank: d.bank, thetas: d.thetas, configuration: CATConfiguration(length: 20, selector: selector),
            responses: d.responses, using: &g)
    }

    @Test("R = 0.3 caps exposure at 0.3 within 5 % of the RMSE of pure maximum information")
    func target() throws {
        // Exactly `genta simulate cat --max-exposure 0.3`: its seed, bank, simulees and drawn responses.
        func cli(_ selector: ItemSelector) -> CATSimulationResult {
            var g = SeededGenerator(seed: 20_240_601)
            let bank = SyntheticData.bank(count: 500, model: .threePL, using: &g)
            let thetas = SyntheticData.abilities(count: 1000, using: &g)
            return CATSimulator.run(bank: bank, thetas: thetas, configuration: CATConfiguration(length: 20, selector: selector), using: &g)
        }
        let pure = cli(ItemSelector())
        let controlled = cli(ItemSelector(exposureControl: try ExposureControl(maxRate: 0.3)))
        #expect(pure.maxExposure == 1)
        #expect(controlled.maxExposure <= 0.3)
        #expect(controlled.thetaRMSE <= 1.05 * pure.thetaRMSE, "\(controlled.thetaRMSE) vs \(pure.thetaRMSE)")
    }

    @Test("no item ends above ⌈R·N⌉/N, for limits that do not divide N")
    func bound() throws {
        let d = data(seed: 7, simulees: 301)
        for (rate, share) in [(0.2, 1.0), (0.45, 0.7)] {
            let result = run(ItemSelector(exposureControl: try ExposureControl(maxRate: rate, openingShare: share)), on: d)
            let ceiling = (rate * 301).rounded(.up) / 301
            #expect(result.maxExposure <= ceiling, "R \(rate): \(result.maxExposure)")
            #expect(result.maxExposure > rate - 0.02, "R \(rate): the limit should bind")
        }
    }
}
