import Foundation

/// How a student's ability in one section moved: the estimate after the last answer of each
/// day (WIB), oldest first. A day's last estimate already holds every answer of that day, so
/// one point per day is the whole story at a dashboard's resolution.
public struct ThetaTrend: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var day: CalendarDate
        /// When the day's last answer was given.
        public var at: Date
        public var theta: Double
    }

    public var section: Section
    public var points: [Point]

    /// Reduces answers (θ after each, in any order) to one point per day.
    public init(section: Section, answers: [(at: Date, theta: Double)]) {
        self.section = section
        var last: [CalendarDate: (at: Date, theta: Double)] = [:]
        for answer in answers where answer.theta.isFinite {
            let day = PracticeDay.today(answer.at)
            if let kept = last[day], kept.at >= answer.at { continue }
            last[day] = answer
        }
        points = last.map { Point(day: $0.key, at: $0.value.at, theta: $0.value.theta) }.sorted { $0.day < $1.day }
    }
}
