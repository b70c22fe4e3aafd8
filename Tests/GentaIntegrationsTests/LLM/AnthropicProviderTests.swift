import Foundation
import GentaIntegrations
import GentaTestSupport
import Testing

extension LLM {
    /// The Messages API client against a stand-in over real HTTP.
    @Suite struct AnthropicProviderTests {
        let clock = TestClock()

        func provider(_ baseURL: String, timeout: Duration = .seconds(5)) -> AnthropicProvider {
            AnthropicProvider(
                baseURL: baseURL, apiKey: "sk-ant-test", model: "claude-haiku-4-5", timeout: timeout, clock: clock.wallClock,
                logger: quietLogger())
        }

        func failure(of behaviour: StandInBehaviour) async throws -> ProviderError? {
            try await withStandInLLM(StandInLLMState([behaviour])) { url in
                await #expect(throws: ProviderError.self) { try await provider(url).generate(LLMFixture.prompt()) }
            }
        }

        @Test func sendsTheDocumentedRequestAndReadsTextAndUsage() async throws {
            let state = StandInLLMState([.succeed(text: "Kerja bagus.", inputTokens: 500, outputTokens: 60)])
            let prompt = LLMFixture.prompt(LLMFixture.analogy(language: .english))
            let reply = try await withStandInLLM(state) { url in try await provider(url).generate(prompt) }
            #expect(reply.text == "Kerja bagus.")
            #expect(reply.model == "anthropic:claude-haiku-4-5")
            #expect(reply.provider == "anthropic")
            #expect(reply.inputTokens == 500)
            #expect(reply.outputTokens == 60)

            let received = try #require(await state.received.first)
            #expect(received.path == "/v1/messages")
            #expect(received.headers["x-api-key"] == "sk-ant-test")
            #expect(received.headers["anthropic-version"] == "2023-06-01")
            #expect(received.headers["authorization"] == nil)
            #expect(received.json["model"] as? String == "claude-haiku-4-5")
            #expect(received.json["max_tokens"] as? Int == 400)
            #expect(received.json["system"] as? String == prompt.system)
            // The system prompt is top-level, never a message.
            #expect(received.messages.map(\.role) == ["user"])
            #expect(received.messages.first?.content == prompt.user)
        }

        @Test func joinsTextBlocksAndSkipsOthers() async throws {
            let body = #"{"type":"message","content":[{"type":"thinking","thinking":"…"},{"type":"text","text":"Satu. "},{"type":"text","text":"Dua."}],"usage":{"input_tokens":7,"output_tokens":3}}"#
            let reply = try await withStandInLLM(StandInLLMState([.raw(body)])) { url in
                try await provider(url).generate(LLMFixture.prompt())
            }
            #expect(reply.text == "Satu. Dua.")
            #expect(reply.inputTokens == 7)
        }

        @Test func overloadedIsRetryable() async throws {
            #expect(try await failure(of: .anthropicOverloaded) == .retryable(.overloaded, retryAfter: nil))
        }

        @Test func rateLimitWithRetryAfterIsRetryable() async throws {
            #expect(try await failure(of: .anthropicRateLimited(retryAfter: "3")) == .retryable(.rateLimited, retryAfter: .seconds(3)))
        }

        @Test func rateLimitWithoutRetryAfterIsASpendCap() async throws {
            #expect(try await failure(of: .anthropicSpendCap) == .fatal(.spendCap))
        }

        @Test func authenticationErrorsAreFatal() async throws {
            #expect(try await failure(of: .anthropicError(401, type: "authentication_error")) == .fatal(.unauthorized(status: 401)))
            #expect(try await failure(of: .anthropicError(403, type: "permission_error")) == .fatal(.unauthorized(status: 403)))
        }

        @Test func invalidRequestsAreFatal() async throws {
            #expect(try await failure(of: .anthropicError(400, type: "invalid_request_error")) == .fatal(.rejected(status: 400)))
            #expect(try await failure(of: .anthropicError(413, type: "request_too_large")) == .fatal(.rejected(status: 413)))
        }

        @Test func serverErrorsAreRetryable() async throws {
            #expect(try await failure(of: .anthropicError(500, type: "api_error")) == .retryable(.serverError(status: 500), retryAfter: nil))
        }

        @Test func malformedAnswersAreReported() async throws {
            #expect(try await failure(of: .malformed) == .malformedResponse("not a message"))
            #expect(try await failure(of: .raw(#"{"type":"message","content":[]}"#)) == .malformedResponse("no text block"))
        }

        @Test func aSlowAnswerTimesOut() async throws {
            let error = try await withStandInLLM(StandInLLMState([.slow(.seconds(5))])) { url in
                await #expect(throws: ProviderError.self) {
                    try await provider(url, timeout: .milliseconds(300)).generate(LLMFixture.prompt())
                }
            }
            #expect(error == .retryable(.timeout, retryAfter: nil))
        }
    }
}
