/// One stretch of a tryout under its own countdown: a whole subtest, or one part of a subtest
/// that is split into timed parts (PU's three). Questions of a block may be answered in any
/// order until its time is up; a closed block never reopens.
public struct TimedBlock: Sendable, Hashable, Codable {
    /// 0-based place in the sitting.
    public var position: Int
    public var section: Section
    /// 1-based part number within the subtest; nil when the subtest is one block.
    public var part: Int?
    public var name: String
    public var questions: Int
    public var seconds: Int
    /// The sub types the block's questions are drawn from (empty: any of the subtest's).
    public var subTypes: [String]

    public init(position: Int, section: Section, part: Int?, name: String, questions: Int, seconds: Int, subTypes: [String] = []) {
        self.position = position
        self.section = section
        self.part = part
        self.name = name
        self.questions = questions
        self.seconds = seconds
        self.subTypes = subTypes
    }
}
