/// The shape of the exam a tryout rehearses: its subtests in the order they are sat, each a
/// timed block of a number of questions, some split into timed parts.
///
/// The defaults are UTBK-SNBT 2025 (announced unchanged for 2026 in its TPS part): 160 questions
/// in 195 minutes, the four TPS subtests, then the three literacy ones; Penalaran Umum as three
/// parts of 10 questions and 10 minutes. The exam changes from year to year, so this is a value
/// to configure, not a constant to rely on.
public struct ExamStructure: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public var name: String
        public var questions: Int
        public var time: Duration

        public init(name: String, questions: Int, time: Duration) {
            self.name = name
            self.questions = questions
            self.time = time
        }
    }

    public struct Block: Sendable, Equatable {
        /// The subtest's code: PU, PPU, PBM, PK, LBI, LBE, PM.
        public var code: String
        public var name: String
        public var questions: Int
        public var time: Duration
        /// Timed parts within the block (empty: the block is one part).
        public var parts: [Part]

        public init(code: String, name: String, questions: Int, time: Duration, parts: [Part] = []) {
            self.code = code
            self.name = name
            self.questions = questions
            self.time = time
            self.parts = parts
        }
    }

    public var blocks: [Block]

    public init(blocks: [Block]) {
        self.blocks = blocks
    }

    public var totalQuestions: Int { blocks.reduce(0) { $0 + $1.questions } }
    public var totalTime: Duration { blocks.reduce(.zero) { $0 + $1.time } }

    /// What is inconsistent, as sentences; empty when the structure can be sat.
    public var problems: [String] {
        var problems: [String] = []
        if blocks.isEmpty { problems.append("an exam needs at least one subtest") }
        var seen: Set<String> = []
        for block in blocks {
            if !seen.insert(block.code).inserted { problems.append("\(block.code) appears twice") }
            if block.questions < 1 { problems.append("\(block.code) needs at least one question") }
            if block.time <= .zero { problems.append("\(block.code) needs a positive time") }
            guard !block.parts.isEmpty else { continue }
            let partQuestions = block.parts.reduce(0) { $0 + $1.questions }
            let partTime = block.parts.reduce(Duration.zero) { $0 + $1.time }
            if partQuestions != block.questions {
                problems.append("\(block.code)'s parts hold \(partQuestions) questions, the block \(block.questions)")
            }
            if partTime != block.time {
                problems.append("\(block.code)'s parts last \(partTime), the block \(block.time)")
            }
        }
        return problems
    }

    /// UTBK-SNBT 2025.
    public static let utbk2025 = ExamStructure(blocks: [
        Block(code: "PU", name: "Penalaran Umum", questions: 30, time: .seconds(30 * 60), parts: [
            Part(name: "Penalaran induktif", questions: 10, time: .seconds(10 * 60)),
            Part(name: "Penalaran deduktif", questions: 10, time: .seconds(10 * 60)),
            Part(name: "Penalaran kuantitatif", questions: 10, time: .seconds(10 * 60)),
        ]),
        Block(code: "PPU", name: "Pengetahuan dan Pemahaman Umum", questions: 20, time: .seconds(15 * 60)),
        Block(code: "PBM", name: "Pemahaman Bacaan dan Menulis", questions: 20, time: .seconds(25 * 60)),
        Block(code: "PK", name: "Pengetahuan Kuantitatif", questions: 20, time: .seconds(20 * 60)),
        Block(code: "LBI", name: "Literasi dalam Bahasa Indonesia", questions: 30, time: .seconds(2_550)),
        Block(code: "LBE", name: "Literasi dalam Bahasa Inggris", questions: 20, time: .seconds(20 * 60)),
        Block(code: "PM", name: "Penalaran Matematika", questions: 20, time: .seconds(2_550)),
    ])
}
