import Foundation
import GentaCore
import GentaIntegrations
import GentaTestSupport
import HTTPTypes
import HummingbirdTesting
import SQLKit
import Testing

@Suite("Sign-in, profile and onboarding")
struct AuthAndProfileTests {
    @Test("tokens are required and checked; the account is created on first use", arguments: TestDatabaseKind.allCases)
    func signIn(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let missing = try await app.call(.get, "/api/v1/me", token: nil)
            #expect(missing.status == .unauthorized)
            #expect((missing.json["error"] as? [String: Any])?["code"] as? String == "missing_token")

            let forged = try await LocalTokenIssuer(secret: Array("another-secret-another-secret-0123456789".utf8), clock: .system)
                .mint(email: "mallory@example.com", role: .admin)
            #expect(try await app.call(.get, "/api/v1/me", token: forged).status == .unauthorized)
            #expect(try await app.call(.get, "/api/v1/me", token: "not.a.jwt").status == .unauthorized)

            let token = try await app.token("Siti@Example.com")
            let me = try await app.call(.get, "/api/v1/me", token: token)
            #expect(me.status == .ok)
            #expect(me.json["email"] as? String == "siti@example.com")
            #expect(me.json["role"] as? String == "student")
            #expect(me.json["onboarding_completed"] as? Bool == false)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM users") == 1)

            // The same person again: no second account. The cookie works like the header.
            let cookie = try await app.client.execute(
                uri: "/api/v1/me", method: .get, headers: [.cookie: "theme=dark; __session=\(token)"]) { $0.status }
            #expect(cookie == .ok)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM users") == 1)
        }
    }

    @Test("an expired token is refused")
    func expired() async throws {
        try await PracticeHarness.run(.sqlite) { app in
            let token = try await LocalTokenIssuer(secret: PracticeHarness.secret, clock: .fixed(TestDatabase.referenceNow.addingTimeInterval(-90 * 86_400)))
                .mint(email: "old@example.com", role: .student, lifetime: .seconds(3600))
            let response = try await app.call(.get, "/api/v1/me", token: token)
            #expect(response.status == .unauthorized)
            #expect((response.json["error"] as? [String: Any])?["code"] as? String == "token_expired")
        }
    }

    @Test("onboarding saves goals and creates the three readiness rows, once", arguments: TestDatabaseKind.allCases)
    func onboarding(kind: TestDatabaseKind) async throws {
        try await PracticeHarness.run(kind) { app in
            let token = try await app.token("budi@example.com")
            let body = #"{"target_ptn":"ITB","target_score":680,"exam_date":"2027-04-21","study_hours_per_week":12}"#
            let first = try await app.call(.post, "/api/v1/users/onboarding", token: token, body: body)
            #expect(first.status == .ok)
            #expect(first.json["onboarding_completed"] as? Bool == true)
            #expect(first.json["exam_date"] as? String == "2027-04-21")
            #expect(first.json["target_score"] as? Int == 680)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM user_readiness") == Section.allCases.count)
            #expect(try await app.call(.post, "/api/v1/users/onboarding", token: token, body: body).status == .ok)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM user_readiness") == Section.allCases.count)

            let patched = try await app.call(.patch, "/api/v1/me", token: token, body: #"{"full_name":"Budi Santoso","target_score":700}"#)
            #expect(patched.status == .ok)
            #expect(patched.json["full_name"] as? String == "Budi Santoso")
            #expect(patched.json["target_score"] as? Int == 700)
            #expect(patched.json["target_ptn"] as? String == "ITB")
        }
    }

    @Test("bad goals are refused with a specific code and nothing is saved", arguments: [
        (#"{"target_ptn":"UI","target_score":650,"exam_date":"2026-11-01","study_hours_per_week":10}"#, 422, "invalid_exam_date"),
        (#"{"target_ptn":"UI","target_score":650,"exam_date":"tomorrow","study_hours_per_week":10}"#, 422, "invalid_exam_date"),
        (#"{"target_ptn":"UI","target_score":2000,"exam_date":"2027-05-01","study_hours_per_week":10}"#, 422, "invalid_target_score"),
        (#"{"target_ptn":"","target_score":650,"exam_date":"2027-05-01","study_hours_per_week":10}"#, 422, "invalid_target_ptn"),
        (#"{"target_ptn":"UI","target_score":650,"exam_date":"2027-05-01","study_hours_per_week":-3}"#, 422, "invalid_study_hours_per_week"),
        (#"{"target_ptn":"UI","target_score":"lots","exam_date":"2027-05-01","study_hours_per_week":10}"#, 400, "invalid_field"),
        (#"{"target_ptn":"UI","exam_date":"2027-05-01","study_hours_per_week":10}"#, 400, "missing_field"),
        (#"{"target_ptn": "UI""#, 400, "invalid_json"),
        ("", 400, "body_required"),
    ])
    func badGoals(body: String, status: Int, code: String) async throws {
        try await PracticeHarness.run(.sqlite) { app in
            let token = try await app.token("rina@example.com")
            let response = try await app.call(.post, "/api/v1/users/onboarding", token: token, body: body)
            #expect(response.status.code == status)
            #expect((response.json["error"] as? [String: Any])?["code"] as? String == code)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM user_readiness") == 0)
            #expect(try await app.count("SELECT COUNT(*) AS n FROM users WHERE onboarding_completed = \(bind: true)") == 0)
        }
    }
}
