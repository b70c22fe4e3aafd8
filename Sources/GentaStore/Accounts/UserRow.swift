import Foundation
import GentaCore
import SQLKit

/// The columns of `users` that make a `UserAccount`, and how to read them.
enum UserRow {
    static let columns: SQLQueryString = """
        id, clerk_id, email, full_name, role, target_ptn, target_score,
        subscription_start_date, subscription_end_date, premium_plus_end_date,
        \(DateColumnText("exam_date")) AS exam_date, study_hours_per_week, onboarding_completed,
        last_login, created_at
        """

    static func decode(_ row: any SQLRow) throws -> UserAccount {
        UserAccount(
            id: try row.decode(column: "id", as: UUID.self),
            clerkID: try row.decode(column: "clerk_id", as: String.self),
            email: try row.decode(column: "email", as: String.self),
            fullName: try row.decode(column: "full_name", as: String?.self),
            role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .student,
            subscription: SubscriptionState(
                premiumPlusUntil: try row.decode(column: "premium_plus_end_date", as: Date?.self),
                paidUntil: try row.decode(column: "subscription_end_date", as: Date?.self),
                since: try row.decode(column: "subscription_start_date", as: Date?.self)),
            targetPTN: try row.decode(column: "target_ptn", as: String?.self),
            targetScore: try row.decode(column: "target_score", as: Int?.self),
            examDate: try row.decode(column: "exam_date", as: String?.self).flatMap(CalendarDate.init),
            studyHoursPerWeek: try row.decode(column: "study_hours_per_week", as: Int?.self),
            onboardingCompleted: try row.decode(column: "onboarding_completed", as: Bool.self),
            lastLogin: try row.decode(column: "last_login", as: Date?.self),
            createdAt: try row.decode(column: "created_at", as: Date.self))
    }
}
