import Foundation
import GentaIntegrations
import GentaTestSupport
import Testing

extension LLM {
    /// The chat-completions client (OpenAI, Mistral, local servers) against a stand-in over real HTTP.
    @Suite struct OpenAIChatProviderTests {
        let clock = TestClock()

        func provider(_ baseURL: String, apiKey: String? = "sk-test-123", timeout: Duration = .seconds(5)) -> OpenAIChatProvider {
            OpenAIChatProvider(
                name: "mistral", baseURL: baseURL + "/v1", apiKey: apiKey, model: "mistral-small-latest", timeout: timeout,
                clock: clock.wallClock, logger: quietLogger())
        }

        func failure(of behaviour: StandInBehaviour) async throws -> ProviderError? {
            try await withStandInLLM(StandInLLMState([behaviour])) { url in
                await #expect(throws: ProviderError.self) { try await provider(url).generate(LLMFixture.prompt()) }
            }
        }

        @Test func sendsTheDocumentedRequestAndReadsTextAndUsage() async throws {
            let state = StandInLLMState([.succeed(text: "Jawabanmu belum tepat.", inputTokens: 412, outputTokens: 97)])
            let prompt = LLMFixture.prompt()
            let reply = try await withStandInLLM(state) { url in try await provider(url).generate(prompt) }
            #expect(reply.text == "Jawabanmu belum tepat.")
            #expect(reply.model == "mistral:mistral-small-latest")
            #expect(reply.provider == "mistral")
            #expect(reply.inputTokens == 412)
            #expect(reply.outputTokens == 97)
            #expect(reply.latency > .zero)

            let received = try #require(await state.received.first)
            #expect(received.path == "/v1/chat/completions")
            #expect(received.headers["authorization"] == "Bearer sk-test-123")
            #expect(received.headers["content-type"] == "application/json")
            #expect(received.json["model"] as? String == "mistral-small-latest")
            #expect(received.json["max_tokens"] as? Int == 400)
            #expect(received.json["temperature"] as? Double == 0.3)
            #expect(received.json["system"] == nil)
            #expect(received.messages.map(\.role) == ["system", "user"])
            #expect(received.messages.first?.content == prompt.system)
            #expect(received.messages.last?.content == prompt.user)
        }

        @Test func localServersNeedNoKey() async throws {
            let state = StandInLLMState()
            _ = try await withStandInLLM(state) { url in try await provider(url, apiKey: nil).generate(LLMFixture.prompt()) }
            #expect(await state.received.first?.headers["authorization"] == nil)
        }

        @Test func baseURLMayEndInASlash() async throws {
            let state = StandInLLMState()
            _ = try await withStandInLLM(state) { url in
                try await OpenAIChatProvider(
                    name: "local", baseURL: url + "/v1/", apiKey: "", model: "llama3.2", clock: clock.wallClock,
                    logger: quietLogger()
                ).generate(LLMFixture.prompt())
            }
            #expect(await state.received.first?.path == "/v1/chat/completions")
            #expect(await state.received.first?.headers["authorization"] == nil)
        }

        @Test func readsContentGivenAsPartsAndIgnoresUnknownFields() async throws {
            let body = #"{"choices":[{"message":{"role":"assistant","content":[{"type":"thinking","thinking":"hmm"},{"type":"text","text":"Bagian satu. "},{"type":"text","text":"Bagian dua."}]},"extra":{"x":1}}],"usage":{"prompt_tokens":5}}"#
            let reply = try await withStandInLLM(StandInLLMState([.raw(body)])) { url in
                try await provider(url).generate(LLMFixture.prompt())
            }
            #expect(reply.text == "Bagian satu. Bagian dua.")
            #expect(reply.inputTokens == 5)
            #expect(reply.outputTokens == nil)
        }

        @Test func repliesAreSanitized() async throws {
            let state = StandInLLMState([.succeed(text: "<p>**Benar!**</p><script>alert(1)</script> Jawabannya   B.")])
            let reply = try await withStandInLLM(state) { url in try await provider(url).generate(LLMFixture.prompt()) }
            #expect(reply.text == "Benar!\nJawabannya B.")
        }

        @Test func rateLimitWithRetryAfterIsRetryable() async throws {
            let error = try await failure(of: .openAIRateLimited(retryAfter: "2"))
            #expect(error == .retryable(.rateLimited, retryAfter: .seconds(2)))
        }

        @Test func rateLimitWithoutRetryAfterIsStillRetryable() async throws {
            let error = try await failure(of: .openAIRateLimited(retryAfter: nil))
            #expect(error == .retryable(.rateLimited, retryAfter: nil))
        }

        @Test func retryAfterMillisecondsWin() async throws {
            let behaviour = StandInBehaviour.status(
                429, body: "{}", headers: ["retry-after": "2", "retry-after-ms": "1250"])
            #expect(try await failure(of: behaviour) == .retryable(.rateLimited, retryAfter: .milliseconds(1250)))
        }

        @Test func retryAfterAsAnHTTPDateIsMeasuredWithTheClock() async throws {
            // The test clock stands at 2025-06-15 15:06:40 UTC.
            let behaviour = StandInBehaviour.status(503, body: "", headers: ["retry-after": "Sun, 15 Jun 2025 15:06:43 GMT"])
            #expect(try await failure(of: behaviour) == .retryable(.serverError(status: 503), retryAfter: .seconds(3)))
        }

        @Test("an absurd Retry-After (1e20 s, 1e300 ms, inf) is clamped to a day, not a trap", arguments: [
            ["retry-after": "1e20"], ["retry-after-ms": "1e300"], ["retry-after": "inf"], ["retry-after-ms": "99999999999999999999999"],
        ])
        func hugeRetryAfterIsBounded(headers: [String: String]) async throws {
            let error = try await failure(of: .status(429, body: "{}", headers: headers))
            #expect(error == .retryable(.rateLimited, retryAfter: .seconds(86_400)))
        }

        @Test("a negative or unreadable Retry-After is ignored", arguments: ["-5", "nan", "soon", "1e"])
        func unreadableRetryAfterIsIgnored(value: String) async throws {
            let error = try await failure(of: .status(429, body: "{}", headers: ["retry-after": value]))
            #expect(error == .retryable(.rateLimited, retryAfter: nil))
        }

        @Test func insufficientQuotaIsFatal() async throws {
            #expect(try await failure(of: .openAIInsufficientQuota) == .fatal(.insufficientQuota))
        }

        @Test func serverErrorsAreRetryable() async throws {
            #expect(try await failure(of: .serverError) == .retryable(.serverError(status: 500), retryAfter: nil))
            #expect(try await failure(of: .status(502, body: "<html>Bad Gateway</html>")) == .retryable(.serverError(status: 502), retryAfter: nil))
        }

        @Test func badKeysAreFatalInEitherErrorShape() async throws {
            #expect(try await failure(of: .openAIUnauthorized) == .fatal(.unauthorized(status: 401)))
            #expect(try await failure(of: .mistralUnauthorized) == .fatal(.unauthorized(status: 401)))
            let mistral = StandInBehaviour.status(403, body: #"{"object":"error","message":"Forbidden","type":"invalid_request_error","param":null,"code":"1000"}"#)
            #expect(try await failure(of: mistral) == .fatal(.unauthorized(status: 403)))
        }

        @Test func badRequestsAreFatal() async throws {
            let behaviour = StandInBehaviour.status(400, body: #"{"error":{"message":"Invalid model","type":"invalid_request_error","param":"model","code":null}}"#)
            #expect(try await failure(of: behaviour) == .fatal(.rejected(status: 400)))
        }

        @Test func malformedAnswersAreReported() async throws {
            #expect(try await failure(of: .malformed) == .malformedResponse("not a chat completion"))
            #expect(try await failure(of: .raw(#"{"choices":[]}"#)) == .malformedResponse("no text in the first choice"))
            #expect(try await failure(of: .raw(#"{"choices":[{"message":{"content":"<b> </b>"}}]}"#)) == .malformedResponse("no text in the first choice"))
        }

        @Test func aSlowAnswerTimesOut() async throws {
            let (error, waited) = try await withStandInLLM(StandInLLMState([.slow(.seconds(5))])) { url in
                // Only the call is timed: starting and stopping the stand-in is not the provider's time.
                let started = ContinuousClock.now
                let error = await #expect(throws: ProviderError.self) {
                    try await provider(url, timeout: .milliseconds(300)).generate(LLMFixture.prompt())
                }
                return (error, ContinuousClock.now - started)
            }
            #expect(error == .retryable(.timeout, retryAfter: nil))
            #expect(waited < .seconds(3), "gave up at the timeout, not when the 5 s answer came")
        }

        @Test func anUnreachableServerIsRetryable() async throws {
            // The stand-in has stopped, so its port now refuses connections.
            let url = try await withStandInLLM(StandInLLMState()) { url in url }
            let error = await #expect(throws: ProviderError.self) {
                try await provider(url, timeout: .milliseconds(300)).generate(LLMFixture.prompt())
            }
            #expect(error?.isRetryable == true)
        }
    }
}
