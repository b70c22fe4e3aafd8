import Foundation
import GentaCore

/// Checks students' goals; every message says what a valid value looks like.
enum GoalValidation {
    static let targetScores = 300...900
    static let studyHours = 1...80
    static let maximumNameLength = 255
    static let maximumPTNLength = 100

    static func targetScore(_ value: Int) throws -> Int {
        guard targetScores.contains(value) else {
            throw invalid("target_score", "must be between \(targetScores.lowerBound) and \(targetScores.upperBound) on the UTBK scale (got \(value))")
        }
        return value
    }

    static func studyHours(_ value: Int) throws -> Int {
        guard studyHours.contains(value) else {
            throw invalid("study_hours_per_week", "must be between \(studyHours.lowerBound) and \(studyHours.upperBound) (got \(value))")
        }
        return value
    }

    static func examDate(_ text: String, today: CalendarDate) throws -> CalendarDate {
        guard let date = CalendarDate(text) else {
            throw invalid("exam_date", "must be a date written YYYY-MM-DD (got \"\(text)\")")
        }
        guard date > today else { throw invalid("exam_date", "must be in the future (today is \(today) WIB)") }
        return date
    }

    /// Trimmed text that fits its column as the database counts it (code points, no NUL).
    static func text(_ value: String, field: String, maximum: Int) throws -> String {
        switch DatabaseText.checked(value, maximum: maximum) {
        case .success(let text): return text
        case .failure(.empty): throw invalid(field, "must not be empty")
        case .failure(.tooLong(let maximum)):
            throw invalid(field, "must be at most \(maximum) characters (an emoji with a skin tone counts as two)")
        case .failure(.controlCharacter): throw Input.controlCharacter(field: field)
        }
    }

    /// The four onboarding answers checked, for the API and the pages alike.
    static func goals(ptn: String, score: Int, examDate: String, hours: Int, today: CalendarDate) throws -> OnboardingGoals {
        OnboardingGoals(
            targetPTN: try text(ptn, field: "target_ptn", maximum: maximumPTNLength),
            targetScore: try targetScore(score), examDate: try self.examDate(examDate, today: today),
            studyHoursPerWeek: try studyHours(hours))
    }

    static func invalid(_ field: String, _ problem: String) -> AppError {
        AppError(.unprocessable, code: "invalid_\(field)", message: "\(field) \(problem).", details: ["field": field])
    }
}
