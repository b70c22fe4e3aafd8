import Foundation
import GentaCore
import GentaIntegrations
import GentaStore
import Hummingbird

/// "Why was I wrong?": AI feedback on one's own answer, written by the same service as
/// `POST /api/v1/attempts/{id}/feedback` (allowance, cache, fallback to the template), and its
/// rating. Plain forms: the post waits while the feedback is written.
struct FeedbackPages {
    let pages: WebPages
    let service: FeedbackService
    let queries: FeedbackQueries

    func addRoutes(to routes: Routes) {
        routes.post("umpan-balik/{attempt}") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            let form = try await WebForm.decode(CSRFForm.self, from: request)
            try WebCSRF.check(form.csrf, seed: context.csrfSeed)
            let attemptID = try Input.uuid(context.parameters.get("attempt"), field: "attempt")
            let frame = WebController.frame(request, context)
            let result = try await service.feedback(
                attemptID: attemptID, user: user, language: frame.language == .en ? .english : .indonesian,
                clientConnected: context.clientConnected)
            return pages.render("feedback", Self.values(result.feedback, note: result.note), page: frame)
        }
        routes.post("umpan-balik/{attempt}/nilai") { request, context in
            guard let user = context.user else { return WebForm.signIn(request) }
            let form = try await WebForm.decode(RatingForm.self, from: request)
            try WebCSRF.check(form.csrf, seed: context.csrfSeed)
            let feedbackID = try Input.uuid(form.feedback_id, field: "feedback_id")
            let rated = try await queries.rate(feedbackID: feedbackID, userID: user.id, helpful: form.helpful == "1")
            return pages.render("feedback", Self.values(rated, note: nil), page: WebController.frame(request, context))
        }
    }

    static func values(_ feedback: StoredFeedback, note: String?) -> [String: Any] {
        [
            "attempt_id": feedback.attemptID.uuidString.lowercased(),
            "feedback_id": feedback.id.uuidString.lowercased(),
            "text_html": MathText.html(feedback.text),
            "note": note ?? "",
            "rated": feedback.isHelpful != nil,
            "helpful": feedback.isHelpful == true,
        ]
    }
}

struct RatingForm: Decodable {
    let csrf: String?
    let feedback_id: String?
    let helpful: String?
}
