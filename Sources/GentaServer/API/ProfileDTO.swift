import Foundation
import GentaCore

// Wire formats of the API: property names are the JSON field names (snake_case, like the schema).

struct ProfileResponse: Encodable {
    let id: String
    let email: String
    let full_name: String?
    let role: String
    /// From the paid dates on the server's clock, never a stored flag.
    let subscription_tier: String
    let subscription_end_date: Date?
    let is_subscription_active: Bool
    let target_ptn: String?
    let target_score: Int?
    let exam_date: String?
    let study_hours_per_week: Int?
    let onboarding_completed: Bool
    let created_at: Date

    init(_ account: UserAccount, now: Date) {
        id = account.id.wire
        email = account.email
        full_name = account.fullName
        role = account.role.rawValue
        subscription_tier = account.tier(at: now).rawValue
        is_subscription_active = account.subscription.isActive(at: now)
        subscription_end_date = is_subscription_active ? account.subscription.paidUntil : nil
        target_ptn = account.targetPTN
        target_score = account.targetScore
        exam_date = account.examDate?.description
        study_hours_per_week = account.studyHoursPerWeek
        onboarding_completed = account.onboardingCompleted
        created_at = account.createdAt
    }
}

struct ProfilePatchRequest: Decodable {
    let full_name: String?
    let target_ptn: String?
    let target_score: Int?
    let exam_date: String?
    let study_hours_per_week: Int?
}

struct OnboardingRequest: Decodable {
    let target_ptn: String
    let target_score: Int
    let exam_date: String
    let study_hours_per_week: Int
}
