import Foundation
import GentaCore

// Wire formats of the API: property names are the JSON field names (snake_case, like the schema).

struct ProfileResponse: Encodable {
    let id: String
    let email: String
    let full_name: String?
    let role: String
    let subscription_tier: String
    let target_ptn: String?
    let target_score: Int?
    let exam_date: String?
    let study_hours_per_week: Int?
    let onboarding_completed: Bool
    let created_at: Date

    init(_ account: UserAccount) {
        id = account.id.wire
        email = account.email
        full_name = account.fullName
        role = account.role.rawValue
        subscription_tier = account.subscriptionTier.rawValue
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
