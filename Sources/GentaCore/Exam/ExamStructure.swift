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
        /// The bank's sub types a part draws its questions from (empty: any of the subtest's).
        public var subTypes: [String]

        public init(name: String, questions: Int, time: Duration, subTypes: [String] = []) {
            self.name = name
            self.questions = questions
            self.time = time
            self.subTypes = subTypes
        }
    }

    public struct Block: Sendable, Equatable {
        public var section: Section
        public var questions: Int
        public var time: Duration
        /// Timed parts within the block (empty: the block is one part).
        public var parts: [Part]

        public var code: String { section.rawValue }
        public var name: String { section.indonesianName }

        public init(section: Section, questions: Int, time: Duration, parts: [Part] = []) {
            self.section = section
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
            if block.time.components.attoseconds != 0 || block.parts.contains(where: { $0.time.components.attoseconds != 0 }) {
                problems.append("\(block.code)'s times must be whole seconds")
            }
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

    /// UTBK-SNBT 2025. PU's parts draw on the demo bank's sub types: induction from analogies
    /// and orderings, deduction from syllogisms and conditionals, quantitative reasoning from
    /// number patterns.
    public static let utbk2025 = ExamStructure(blocks: [
        Block(section: .pu, questions: 30, time: .seconds(30 * 60), parts: [
            Part(name: "Penalaran induktif", questions: 10, time: .seconds(10 * 60), subTypes: ["analogi", "penalaran_analitis"]),
            Part(name: "Penalaran deduktif", questions: 10, time: .seconds(10 * 60), subTypes: ["silogisme", "penalaran_logis"]),
            Part(name: "Penalaran kuantitatif", questions: 10, time: .seconds(10 * 60), subTypes: ["pola_bilangan"]),
        ]),
        Block(section: .ppu, questions: 20, time: .seconds(15 * 60)),
        Block(section: .pbm, questions: 20, time: .seconds(25 * 60)),
        Block(section: .pk, questions: 20, time: .seconds(20 * 60)),
        Block(section: .lbi, questions: 30, time: .seconds(2_550)),
        Block(section: .lbe, questions: 20, time: .seconds(20 * 60)),
        Block(section: .pm, questions: 20, time: .seconds(2_550)),
    ])

    /// A mini tryout: the same subtests in the same order, each one block (no parts) of
    /// `questions` questions and `seconds` seconds. For a short rehearsal (and for tests that
    /// must see a block's time run out).
    public static func mini(questionsPerBlock questions: Int, secondsPerBlock seconds: Int) -> ExamStructure {
        ExamStructure(blocks: utbk2025.blocks.map { Block(section: $0.section, questions: questions, time: .seconds(seconds)) })
    }

    /// The clock's view of the exam: one timed block per part (a block without parts is one),
    /// in the order they are sat. A tryout sitting runs these one after another.
    public var timedBlocks: [TimedBlock] {
        var timed: [TimedBlock] = []
        for block in blocks {
            let parts = block.parts.isEmpty ? [Part(name: block.name, questions: block.questions, time: block.time)] : block.parts
            for (index, part) in parts.enumerated() {
                timed.append(TimedBlock(
                    position: timed.count, section: block.section, part: block.parts.isEmpty ? nil : index + 1,
                    name: part.name, questions: part.questions, seconds: Int(part.time.components.seconds),
                    subTypes: part.subTypes))
            }
        }
        return timed
    }
}
