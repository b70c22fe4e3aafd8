import Foundation
import Testing
@testable import IRT

@Suite("Simulation and text formats")
struct SimulationTests {
    @Test("a small CAT is reproducible and near its RMSE floor")
    func smallCAT() {
        var g1 = SeededGenerator(seed: 1)
        let bank = SyntheticData.bank(count: 150, model: .threePL, using: &g1)
        let thetas = SyntheticData.abilities(count: 150, using: &g1)
        let configuration = CATConfiguration(length: 15)
        var a = SeededGenerator(seed: 9)
        var b = SeededGenerator(seed: 9)
        let first = CATSimulator.run(bank: bank, thetas: thetas, configuration: configuration, using: &a)
        let second = CATSimulator.run(bank: bank, thetas: thetas, configuration: configuration, using: &b)
        #expect(first.thetaRMSE == second.thetaRMSE)
        #expect(first.thetaRMSE < 1.25 * first.rmseFloor)
        #expect(first.maxExposure == 1)  // fixed start: everyone gets the same first item
        var s = SeededGenerator(seed: 9)
        let sequential = CATSimulator.run(
            bank: bank, thetas: thetas, configuration: CATConfiguration(length: 15, estimator: .sequential), using: &s)
        #expect(abs(sequential.thetaRMSE - first.thetaRMSE) < 0.05)
    }

    @Test("a fixed response matrix decides every answer")
    func fixedResponses() throws {
        let bank = (0..<10).map { ItemParameters(a: 1, b: Double($0) - 4.5) }
        let right = try #require(ResponseMatrix(personCount: 1, itemCount: 10, values: [Int8](repeating: 1, count: 10)))
        let wrong = try #require(ResponseMatrix(personCount: 1, itemCount: 10, values: [Int8](repeating: 0, count: 10)))
        var g = SeededGenerator(seed: 1)
        let up = CATSimulator.run(bank: bank, thetas: [0], configuration: CATConfiguration(length: 10), responses: right, using: &g)
        let down = CATSimulator.run(bank: bank, thetas: [0], configuration: CATConfiguration(length: 10), responses: wrong, using: &g)
        #expect(up.thetaBias > 1 && down.thetaBias < -1)
        // The 3PL-free bank is symmetric about 0, so the two end points mirror each other.
        #expect(abs(up.thetaBias + down.thetaBias) < 1e-6)
    }

    @Test("sparse design gives each simulee exactly N distinct items")
    func sparseDesign() {
        var g = SeededGenerator(seed: 2)
        let bank = SyntheticData.bank(count: 50, model: .twoPL, using: &g)
        let data = SyntheticData.responses(bank: bank, thetas: [0, 1, -1], perExaminee: 7, using: &g)
        for p in 0..<3 {
            let items = data.responses(ofPerson: p).map(\.item)
            #expect(items.count == 7 && Set(items).count == 7)
        }
    }

    @Test("calibration recovery reports snake_case JSON")
    func recoveryJSON() throws {
        var g = SeededGenerator(seed: 3)
        let bank = SyntheticData.bank(count: 5, model: .twoPL, using: &g)
        let thetas = SyntheticData.abilities(count: 400, using: &g)
        let data = SyntheticData.responses(bank: bank, thetas: thetas, using: &g)
        let (summary, _) = CalibrationRecovery.run(trueBank: bank, data: data, options: CalibrationOptions(model: .twoPL))
        let json = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        for key in ["\"rmse_a\"", "\"rmse_b\"", "\"bias_b\"", "\"iterations\"", "\"seconds\"", "\"converged\""] {
            #expect(json.contains(key))
        }
        #expect(summary.rmseC == nil && summary.itemsEvaluated == 5)
    }

    @Test("text formats: bank with header, thetas, matrix and triples, anchors")
    func textFormats() throws {
        let bank = try TextFormats.bank(Array("# bank\nb,a,c\n0.5,1.2,0.2\n-1,0.8,0.1\n".utf8))
        #expect(bank == [ItemParameters(a: 1.2, b: 0.5, c: 0.2), ItemParameters(a: 0.8, b: -1, c: 0.1)])
        #expect(try TextFormats.bank(Array("1,0\n2,1\n".utf8)) == [ItemParameters(a: 1, b: 0), ItemParameters(a: 2, b: 1)])
        #expect(try TextFormats.thetas(Array("theta\n0.5\r\n-1\n\n".utf8)) == [0.5, -1])
        guard case .matrix(let m) = try TextFormats.responses(Array("10.\n011\n".utf8)) else {
            Issue.record("expected a matrix")
            return
        }
        #expect(m.response(person: 0, item: 0) == true && m.response(person: 0, item: 2) == nil)
        #expect(m.responseData().responseCount == 5)
        guard case .triples(let t, let persons) = try TextFormats.responses(Array("person,item,correct\n0,1,1\n2,0,false\n".utf8)) else {
            Issue.record("expected triples")
            return
        }
        #expect(persons == 3 && t == [ScoredResponse(person: 0, item: 1, correct: true), ScoredResponse(person: 2, item: 0, correct: false)])
        #expect(try TextFormats.anchors(Array("item,a,b,c\n3,1.1,0.2,0.15\n".utf8)) == [3: ItemParameters(a: 1.1, b: 0.2, c: 0.15)])
        #expect(throws: TextFormats.ParseError.self) { try TextFormats.responses(Array("10\n1\n".utf8)) }
        #expect(throws: TextFormats.ParseError.self) { try TextFormats.bank(Array("1,x\n".utf8)) }
    }
}
