import Foundation
import GentaCore
import Testing

@Suite("θ trend")
struct ThetaTrendTests {
    @Test("one point per WIB day, the day's last estimate, oldest first; non-finite estimates dropped")
    func lastPerDay() {
        // 2027-01-01T16:30Z is 23:30 WIB on the 1st; 17:30Z is already the 2nd in WIB.
        let start = Date(timeIntervalSince1970: 1_798_821_000)
        let trend = ThetaTrend(section: .pk, answers: [
            (start.addingTimeInterval(3_600), 0.8),  // the 2nd, 00:30 WIB
            (start, 0.2),
            (start.addingTimeInterval(-600), 0.1),
            (start.addingTimeInterval(7_200), .nan),
            (start.addingTimeInterval(3_000), 0.5),  // the 2nd, earlier than 0.8
        ])
        #expect(trend.points.map(\.day.description) == ["2027-01-01", "2027-01-02"])
        #expect(trend.points.map(\.theta) == [0.2, 0.8])
        #expect(ThetaTrend(section: .pu, answers: []).points.isEmpty)
    }

    @Test("a mini tryout keeps the exam's subtests and order with the given size")
    func miniExam() {
        let mini = ExamStructure.mini(questionsPerBlock: 2, secondsPerBlock: 30)
        #expect(mini.problems.isEmpty)
        #expect(mini.timedBlocks.map(\.section) == ExamStructure.utbk2025.blocks.map(\.section))
        #expect(mini.timedBlocks.allSatisfy { $0.questions == 2 && $0.seconds == 30 })
    }
}
