import GentaCore
import GentaStore
import Hummingbird

/// `GET/PATCH /api/v1/me` and `POST /api/v1/users/onboarding` (seed Query 0).
struct ProfileController {
    let users: UserQueries
    let clock: WallClock

    func addRoutes(to group: Routes) {
        group.get("me") { _, context in
            Response.json(ProfileResponse(try context.requireUser(), now: clock.now()))
        }
        group.patch("me") { request, context in
            let user = try context.requireUser()
            let body = try await request.decodeJSON(as: ProfilePatchRequest.self, context: context)
            let today = PracticeDay.today(clock.now())
            let change = ProfileChange(
                fullName: try body.full_name.map { try GoalValidation.text($0, field: "full_name", maximum: GoalValidation.maximumNameLength) },
                targetPTN: try body.target_ptn.map { try GoalValidation.text($0, field: "target_ptn", maximum: GoalValidation.maximumPTNLength) },
                targetScore: try body.target_score.map(GoalValidation.targetScore),
                examDate: try body.exam_date.map { try GoalValidation.examDate($0, today: today) },
                studyHoursPerWeek: try body.study_hours_per_week.map(GoalValidation.studyHours))
            guard !change.isEmpty else {
                throw AppError(.badRequest, code: "nothing_to_change",
                    message: "Send at least one of full_name, target_ptn, target_score, exam_date, study_hours_per_week.")
            }
            return Response.json(ProfileResponse(try await users.update(user.id, change), now: clock.now()))
        }
        group.post("users/onboarding") { request, context in
            let user = try context.requireUser()
            let body = try await request.decodeJSON(as: OnboardingRequest.self, context: context)
            let goals = try GoalValidation.goals(
                ptn: body.target_ptn, score: body.target_score, examDate: body.exam_date, hours: body.study_hours_per_week,
                today: PracticeDay.today(clock.now()))
            return Response.json(ProfileResponse(try await users.completeOnboarding(user.id, goals), now: clock.now()))
        }
    }
}
