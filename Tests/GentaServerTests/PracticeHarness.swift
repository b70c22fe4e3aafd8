import Foundation
import GentaCore
import IRT
import GentaIntegrations
import GentaServer
import GentaStore
import GentaTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Synchronization

/// A clock tests can move forward.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = TestDatabase.referenceNow) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    /// Each reading is one millisecond after the previous one, so rows get distinct times.
    var ticking: WallClock {
        WallClock { self.current.withLock { date in
            date = date.addingTimeInterval(0.001)
            return date
        } }
    }

    func advance(days: Double) {
        advance(seconds: days * 86_400)
    }

    func advance(seconds: Double) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// The whole API over a migrated test database holding the demo bank, with local tokens unless
/// `tokenVerifier` builds another verifier (Clerk's) on the harness clock.
struct PracticeHarness: Sendable {
    static let secret = Array("genta-tests-local-signing-secret-0123456789".utf8)

    /// Accepts the tokens `token(_:role:)` mints.
    static func localVerifier(clock: WallClock) throws -> any TokenVerifier {
        try LocalTokenVerifier(secret: secret, clock: clock)
    }

    let client: any TestClientProtocol
    let database: any Database
    let clock: TestClock

    static func run(
        _ kind: TestDatabaseKind, freeDailyQuestions: Int = 30,
        maximumAnswersPerSession: Int = PracticeSettings.defaultMaximumAnswersPerSession, webhookSecret: String? = nil,
        tokenVerifier makeVerifier: @Sendable (WallClock) throws -> any TokenVerifier = localVerifier(clock:),
        feedbackProviders: [any FeedbackProvider] = [], feedbackLimits: FeedbackLimits = FeedbackLimits(), feedbackWait: Duration = .seconds(40),
        limits: RequestLimits = .unlimitedForTests, allowedOrigins: Set<String> = [], tryouts: TryoutSettings = TryoutSettings(),
        framework: TestingSetup = .router, serving: @Sendable (any Database) -> any Database = { $0 },
        demoBank: Bool = true, midtrans: MidtransClient? = nil, clerkFrontend: ClerkFrontend? = nil,
        exposureControl: ExposureControl? = nil,
        _ body: @Sendable @escaping (PracticeHarness) async throws -> Void
    ) async throws {
        try await TestDatabase.with(kind) { database in
            try await run(
                database: database, clock: TestClock(), freeDailyQuestions: freeDailyQuestions,
                maximumAnswersPerSession: maximumAnswersPerSession, webhookSecret: webhookSecret, tokenVerifier: makeVerifier,
                feedbackProviders: feedbackProviders, feedbackLimits: feedbackLimits, feedbackWait: feedbackWait, limits: limits,
                allowedOrigins: allowedOrigins, tryouts: tryouts, framework: framework, serving: serving, demoBank: demoBank,
                midtrans: midtrans, clerkFrontend: clerkFrontend, exposureControl: exposureControl, body)
        }
    }

    /// The API over a database the caller opened (a restored one, say) on the caller's clock;
    /// `run(_:…)` is this over a new test database.
    static func run(
        database: any Database, clock: TestClock, freeDailyQuestions: Int = 30,
        maximumAnswersPerSession: Int = PracticeSettings.defaultMaximumAnswersPerSession, webhookSecret: String? = nil,
        tokenVerifier makeVerifier: @Sendable (WallClock) throws -> any TokenVerifier = localVerifier(clock:),
        feedbackProviders: [any FeedbackProvider] = [], feedbackLimits: FeedbackLimits = FeedbackLimits(), feedbackWait: Duration = .seconds(40),
        limits: RequestLimits = .unlimitedForTests, allowedOrigins: Set<String> = [], tryouts: TryoutSettings = TryoutSettings(),
        framework: TestingSetup = .router, serving: @Sendable (any Database) -> any Database = { $0 },
        demoBank: Bool = true, midtrans: MidtransClient? = nil, clerkFrontend: ClerkFrontend? = nil,
        exposureControl: ExposureControl? = nil,
        _ body: @Sendable @escaping (PracticeHarness) async throws -> Void
    ) async throws {
        if demoBank { _ = try await DemoBankLoader(database: database, now: { clock.now }).loadIfNeeded() }
        let verifier = try makeVerifier(clock.ticking)
        let app = buildApplication(
            configuration: AppConfiguration(port: 0),
            dependencies: AppDependencies(
                database: serving(database), tokenVerifier: verifier,
                webhookVerifier: try webhookSecret.map { try SvixVerifier(secret: $0, clock: clock.ticking) },
                clock: clock.ticking,
                practice: PracticeSettings(
                    freeDailyQuestions: freeDailyQuestions, maximumAnswersPerSession: maximumAnswersPerSession,
                    exposureControl: exposureControl),
                tryouts: tryouts,
                feedbackChain: FeedbackChain(providers: feedbackProviders, clock: clock.ticking, sleep: { _ in }),
                feedbackLimits: feedbackLimits, feedbackWait: feedbackWait,
                randomSeed: { 42 }, limits: limits, allowedOrigins: allowedOrigins, midtrans: midtrans,
                // Clerk's sign-in replaces the development one, as in `genta serve`.
                localSignIn: clerkFrontend == nil ? try LocalTokenIssuer(secret: Self.secret, clock: clock.ticking) : nil,
                clerkFrontend: clerkFrontend),
            logger: TestDatabase.logger)
        try await app.test(framework) { client in
            try await body(PracticeHarness(client: client, database: database, clock: clock))
        }
    }

    func token(_ email: String, role: Role = .student) async throws -> String {
        try await LocalTokenIssuer(secret: Self.secret, clock: clock.ticking).mint(email: email, role: role)
    }

    /// Sends a request as `token` and returns the status and the decoded JSON object.
    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ path: String, token: String?, body: String? = nil,
        headers extra: [HTTPField.Name: String] = [:]
    ) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        for (name, value) in extra { headers[name] = value }
        return try await client.execute(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
        ) { response in
            let data = Data(buffer: response.body)
            let json = data.isEmpty ? [:] : (try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:])
            return (response.status, json)
        }
    }

    /// Starts a session and returns its id.
    func startSession(_ token: String, section: Section? = nil) async throws -> String {
        let body = section.map { #"{"section":"\#($0.rawValue)"}"# }
        let (_, json) = try await call(.post, "/api/v1/sessions", token: token, body: body)
        return json["id"] as? String ?? ""
    }

    /// Serves the next question; returns its JSON.
    func next(_ token: String, session: String, section: Section? = nil) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        let query = section.map { "&section=\($0.rawValue)" } ?? ""
        return try await call(.get, "/api/v1/practice/next?session_id=\(session)\(query)", token: token)
    }

    /// Answers a question.
    func answer(
        _ token: String, session: String, question: String, answer: String, seconds: Int = 30, key: String = UUID().uuidString
    ) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        try await call(
            .post, "/api/v1/attempts", token: token,
            body: #"{"question_id":"\#(question)","session_id":"\#(session)","selected_answer":"\#(answer)","time_spent_seconds":\#(seconds)}"#,
            headers: [HTTPField.Name("Idempotency-Key")!: key])
    }

    /// The key and difficulty of a question, read straight from the database.
    func key(of question: String) async throws -> (answer: String, difficulty: Double) {
        try await database.withConnection { db in
            let row = try await db.raw("""
                SELECT correct_answer, difficulty_irt FROM questions WHERE id = \(bind: UUID(uuidString: question)!)
                """).first()!
            return (try row.decode(column: "correct_answer", as: String.self).trimmingCharacters(in: .whitespaces),
                    try row.decode(column: "difficulty_irt", as: Double.self))
        }
    }

    /// A wrong option for a question.
    func wrongAnswer(for question: String) async throws -> String {
        let right = try await key(of: question).answer
        return ["A", "B", "C", "D", "E"].first { $0 != right }!
    }

    func count(_ sql: SQLQueryString) async throws -> Int {
        try await database.withConnection { db in try await db.raw(sql).first()!.decode(column: "n", as: Int.self) }
    }
}
