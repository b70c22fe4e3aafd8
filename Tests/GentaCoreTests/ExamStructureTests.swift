import GentaCore
import Testing

@Suite("Exam structure")
struct ExamStructureTests {
    @Test("UTBK-SNBT 2025: seven subtests, 160 questions, 195 minutes, TPS first, PU in three parts")
    func utbk2025() {
        let exam = ExamStructure.utbk2025
        #expect(exam.blocks.map(\.section) == Section.allCases)
        #expect(exam.timedBlocks.map(\.seconds).reduce(0, +) == 195 * 60)
        #expect(exam.timedBlocks.count == 9 && exam.timedBlocks[2].part == 3 && exam.timedBlocks[3].section == .ppu)
        #expect(exam.totalQuestions == 160)
        #expect(exam.totalTime == .seconds(195 * 60))
        #expect(exam.blocks[0].parts.map(\.questions) == [10, 10, 10])
        #expect(exam.blocks.first { $0.code == "LBI" }?.time == .seconds(42 * 60 + 30))
        #expect(exam.problems.isEmpty)
    }

    @Test("inconsistent structures say what is wrong")
    func problems() {
        var exam = ExamStructure.utbk2025
        exam.blocks[0].parts[2].questions = 9
        exam.blocks[1].time = .zero
        exam.blocks.append(exam.blocks[3])
        #expect(exam.problems == [
            "PU's parts hold 29 questions, the block 30",
            "PPU needs a positive time",
            "PK appears twice",
        ])
        #expect(ExamStructure(blocks: []).problems == ["an exam needs at least one subtest"])
    }
}
