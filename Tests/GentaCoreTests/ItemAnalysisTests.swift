import Foundation
import GentaCore
import IRT
import Testing

@Suite("Item analysis")
struct ItemAnalysisTests {
    /// A cohort with abilities spread over −2.5…2.5 (evenly, so the test does not depend on chance
    /// for its shape), each answering by the 3PL model with `truth` as the real key; wrong answers
    /// go round `distractors`.
    static func responses(
        students: Int = 400, parameters: ItemParameters, truth: String, distractors: [String], stored key: String
    ) -> [ItemAnalysis.Response] {
        var generator = SeededGenerator(seed: 7)
        return (0..<students).map { index in
            let theta = -2.5 + 5 * Double(index) / Double(students - 1)
            let right = Double.random(in: 0..<1, using: &generator) < parameters.probability(at: theta)
            let choice = right ? truth : distractors[index % distractors.count]
            return ItemAnalysis.Response(isCorrect: choice == key, choice: choice, ability: theta, abilityBefore: theta, seconds: 40 + index % 30)
        }
    }

    static let item = ItemParameters(a: 1.4, b: 0, c: 0.2)

    @Test("a sound item gets no flag, and its correct rate matches the IRT-expected rate")
    func soundItem() {
        let analysis = ItemAnalysis(
            responses: Self.responses(parameters: Self.item, truth: "B", distractors: ["A", "C", "D", "E"], stored: "B"),
            parameters: Self.item, key: .b, helpfulRatings: 3, unhelpfulRatings: 1, wrongKeyReports: 0)
        #expect(analysis.flags.isEmpty, "\(analysis.flags)")
        #expect(analysis.assessment == .optimal)
        #expect(abs(analysis.correctRate! - analysis.expectedRate!) < 0.06)
        #expect(analysis.pointBiserial! > 0.4)
        #expect(analysis.options.first { $0.isKey }?.letter == "B" && analysis.options.count == 5)
        #expect(analysis.averageSeconds! > 40 && analysis.averageSeconds! < 70)
    }

    @Test("a distractor nobody picks is flagged")
    func unusedDistractor() {
        let analysis = ItemAnalysis(
            responses: Self.responses(parameters: Self.item, truth: "B", distractors: ["A", "C", "D"], stored: "B"),
            parameters: Self.item, key: .b, helpfulRatings: 0, unhelpfulRatings: 0, wrongKeyReports: 0)
        #expect(analysis.flags == [.unusedDistractor])
        #expect(analysis.options.first { $0.letter == "E" }?.rate == 0)
    }

    @Test("a miskeyed item: negative discrimination, the strongest students on a distractor, far from the model")
    func miskeyed() {
        // The real key is C; the bank says A.
        let analysis = ItemAnalysis(
            responses: Self.responses(parameters: Self.item, truth: "C", distractors: ["A", "B", "D", "E"], stored: "A"),
            parameters: Self.item, key: .a, helpfulRatings: 0, unhelpfulRatings: 0, wrongKeyReports: 2)
        #expect(analysis.flags.contains(.possibleMiskey) && analysis.flags.contains(.distractorAttractsStrong))
        #expect(analysis.flags.contains(.misfit) && analysis.flags.contains(.tooHard) && analysis.flags.contains(.reportedWrongKey))
        #expect(analysis.pointBiserial! < 0)
        let strongest = analysis.options.max { $0.upperGroupRate < $1.upperGroupRate }
        #expect(strongest?.letter == "C", "the strongest students pick the real key")
    }

    @Test("too few students: no verdict and no statistical flag, but reports and ratings still count")
    func smallSample() {
        let analysis = ItemAnalysis(
            responses: Array(Self.responses(parameters: Self.item, truth: "C", distractors: ["A"], stored: "A").prefix(29)),
            parameters: Self.item, key: .a, helpfulRatings: 1, unhelpfulRatings: 5, wrongKeyReports: 1)
        #expect(analysis.assessment == .insufficientData)
        #expect(analysis.flags == [.unhelpfulExplanation, .reportedWrongKey])
        let none = ItemAnalysis(responses: [], parameters: Self.item, key: nil, helpfulRatings: 0, unhelpfulRatings: 0, wrongKeyReports: 0)
        #expect(none.students == 0 && none.correctRate == nil && none.pointBiserial == nil && none.options.isEmpty)
    }

    @Test("the seed's thresholds: over 85 % too easy, under 30 % too hard, within 15 points of half optimal")
    func assessments() {
        func assessed(_ right: Int) -> ItemAnalysis.Assessment {
            let responses = (0..<100).map { index in
                ItemAnalysis.Response(isCorrect: index < right, choice: nil, ability: Double(index % 7), abilityBefore: 0, seconds: 30)
            }
            return ItemAnalysis(responses: responses, parameters: Self.item, key: nil, helpfulRatings: 0, unhelpfulRatings: 0, wrongKeyReports: 0).assessment
        }
        #expect(assessed(86) == .tooEasy && assessed(85) == .acceptable && assessed(29) == .tooHard && assessed(30) == .acceptable)
        #expect(assessed(36) == .optimal && assessed(64) == .optimal && assessed(35) == .acceptable)
    }
}
