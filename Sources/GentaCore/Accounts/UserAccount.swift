import Foundation

/// A person with an account: identity, tier, and the goals set at onboarding.
public struct UserAccount: Sendable, Equatable {
    public var id: UUID
    /// The identity provider's subject (`user_…` for Clerk, `local|email` for local tokens).
    public var clerkID: String
    public var email: String
    public var fullName: String?
    public var role: Role
    /// Paid time, as dates; the tier follows from them and the clock (`tier(at:)`).
    public var subscription: SubscriptionState
    public var targetPTN: String?
    public var targetScore: Int?
    public var examDate: CalendarDate?
    public var studyHoursPerWeek: Int?
    public var onboardingCompleted: Bool
    public var lastLogin: Date?
    public var createdAt: Date

    public init(
        id: UUID, clerkID: String, email: String, fullName: String?, role: Role,
        subscription: SubscriptionState, targetPTN: String?, targetScore: Int?,
        examDate: CalendarDate?, studyHoursPerWeek: Int?, onboardingCompleted: Bool,
        lastLogin: Date?, createdAt: Date
    ) {
        self.id = id
        self.clerkID = clerkID
        self.email = email
        self.fullName = fullName
        self.role = role
        self.subscription = subscription
        self.targetPTN = targetPTN
        self.targetScore = targetScore
        self.examDate = examDate
        self.studyHoursPerWeek = studyHoursPerWeek
        self.onboardingCompleted = onboardingCompleted
        self.lastLogin = lastLogin
        self.createdAt = createdAt
    }

    /// The tier on `now`: quotas read this, never a stored flag that may be out of date.
    public func tier(at now: Date) -> SubscriptionTier {
        subscription.tier(at: now)
    }
}

/// Who the identity provider says is calling.
public struct SignInIdentity: Sendable, Equatable {
    public var subject: String
    public var email: String?
    public var fullName: String?
    /// The role the token grants. Nil (a Clerk token without a role claim) means student, not
    /// "keep the stored role": revoking a role in Clerk must take effect (docs/AUTH.md).
    public var role: Role?

    public init(subject: String, email: String?, fullName: String?, role: Role?) {
        self.subject = subject
        self.email = email
        self.fullName = fullName
        self.role = role
    }
}

/// Goals a student sets at onboarding.
public struct OnboardingGoals: Sendable, Equatable {
    public var targetPTN: String
    public var targetScore: Int
    public var examDate: CalendarDate
    public var studyHoursPerWeek: Int

    public init(targetPTN: String, targetScore: Int, examDate: CalendarDate, studyHoursPerWeek: Int) {
        self.targetPTN = targetPTN
        self.targetScore = targetScore
        self.examDate = examDate
        self.studyHoursPerWeek = studyHoursPerWeek
    }
}

/// A partial profile change; nil leaves a field as it is.
public struct ProfileChange: Sendable, Equatable {
    public var fullName: String?
    public var targetPTN: String?
    public var targetScore: Int?
    public var examDate: CalendarDate?
    public var studyHoursPerWeek: Int?

    public init(
        fullName: String? = nil, targetPTN: String? = nil, targetScore: Int? = nil,
        examDate: CalendarDate? = nil, studyHoursPerWeek: Int? = nil
    ) {
        self.fullName = fullName
        self.targetPTN = targetPTN
        self.targetScore = targetScore
        self.examDate = examDate
        self.studyHoursPerWeek = studyHoursPerWeek
    }

    public var isEmpty: Bool {
        fullName == nil && targetPTN == nil && targetScore == nil && examDate == nil && studyHoursPerWeek == nil
    }
}
