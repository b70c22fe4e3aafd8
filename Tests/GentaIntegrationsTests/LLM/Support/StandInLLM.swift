import Foundation
import GentaTestSupport
import Hummingbird

/// What the stand-in does with one request.
enum StandInBehaviour: Sendable {
    /// A well-formed answer in the wire format of the path called.
    case succeed(text: String = StandInLLMState.defaultText, inputTokens: Int = 321, outputTokens: Int = 123)
    /// Any status with a raw body and extra headers (`retry-after`…).
    case status(Int, body: String, headers: [String: String] = [:])
    /// 200 with a body that is not JSON.
    case malformed
    /// Holds the answer back for up to `delay` (released early when the test ends), then succeeds.
    case slow(Duration)
    /// 200 with a raw body, for lenient decoding.
    case raw(String)

    static func openAIRateLimited(retryAfter: String?) -> Self {
        .status(
            429, body: #"{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#,
            headers: retryAfter.map { ["retry-after": $0] } ?? [:])
    }

    static let openAIInsufficientQuota = Self.status(
        429, body: #"{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#)

    static let openAIUnauthorized = Self.status(
        401, body: #"{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#)

    static let mistralUnauthorized = Self.status(401, body: #"{"message":"Unauthorized","request_id":"a1b2"}"#)

    static let serverError = Self.status(500, body: #"{"error":{"message":"The server had an error","type":"server_error"}}"#)

    static func anthropicError(_ status: Int, type: String, headers: [String: String] = [:]) -> Self {
        .status(status, body: #"{"type":"error","error":{"type":"\#(type)","message":"\#(type) happened"}}"#, headers: headers)
    }

    static let anthropicOverloaded = anthropicError(529, type: "overloaded_error")
    static let anthropicSpendCap = anthropicError(429, type: "rate_limit_error")
    static func anthropicRateLimited(retryAfter: String) -> Self {
        anthropicError(429, type: "rate_limit_error", headers: ["retry-after": retryAfter])
    }
}

/// One request as the stand-in received it.
struct ReceivedLLMRequest: Sendable {
    var path: String
    /// Header names in lower case.
    var headers: [String: String]
    var body: [UInt8]

    /// The body as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    /// `messages` as role/content pairs.
    var messages: [(role: String, content: String)] {
        (json["messages"] as? [[String: Any]] ?? []).map { ($0["role"] as? String ?? "", $0["content"] as? String ?? "") }
    }
}

/// A stand-in for the providers: the OpenAI/Mistral chat-completions format at
/// `/v1/chat/completions` and Anthropic's Messages format at `/v1/messages`, answering from a
/// script and recording every request.
actor StandInLLMState {
    static let defaultText = "Jawabanmu belum tepat. Jawaban yang benar adalah B."

    private var script: [StandInBehaviour]
    private(set) var received: [ReceivedLLMRequest] = []
    private(set) var released = false

    /// Answers with `script` in order, then succeeds.
    init(_ script: [StandInBehaviour] = []) {
        self.script = script
    }

    func release() {
        released = true
    }

    fileprivate func take(_ request: ReceivedLLMRequest) -> StandInBehaviour {
        received.append(request)
        return script.isEmpty ? .succeed() : script.removeFirst()
    }
}

enum WireFormat {
    case openAI, anthropic

    func success(text: String, inputTokens: Int, outputTokens: Int) -> String {
        let escaped = String(data: try! JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed]), encoding: .utf8)!
            .dropFirst().dropLast()
        switch self {
        case .openAI:
            return #"{"id":"chatcmpl-1","object":"chat.completion","created":1750000000,"model":"stand-in-2025","system_fingerprint":"fp_1","choices":[{"index":0,"message":{"role":"assistant","content":\#(escaped),"refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":\#(inputTokens),"completion_tokens":\#(outputTokens),"total_tokens":\#(inputTokens + outputTokens)}}"#
        case .anthropic:
            return #"{"id":"msg_01","type":"message","role":"assistant","model":"stand-in","content":[{"type":"text","text":\#(escaped)}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":\#(inputTokens),"output_tokens":\#(outputTokens),"cache_read_input_tokens":0}}"#
        }
    }
}

/// Runs the stand-in on 127.0.0.1 (a free port) for the duration of `body`, which receives
/// the base URL `http://127.0.0.1:PORT` (append `/v1` for OpenAI-compatible clients).
func withStandInLLM<Result: Sendable>(
    _ state: StandInLLMState, _ body: @Sendable (_ baseURL: String) async throws -> Result
) async throws -> Result {
    let router = Router()
    router.post("/v1/chat/completions") { request, _ in try await respond(to: request, state: state, format: .openAI) }
    router.post("/v1/messages") { request, _ in try await respond(to: request, state: state, format: .anthropic) }
    return try await withLoopbackServer(router, label: "stand-in-llm") { port in
        let result = try await body("http://127.0.0.1:\(port)")
        // A held-back answer must not keep the server's graceful shutdown waiting.
        await state.release()
        return result
    }
}

private func respond(to request: Request, state: StandInLLMState, format: WireFormat) async throws -> Response {
    var headers: [String: String] = [:]
    for field in request.headers {
        headers[field.name.canonicalName] = field.value
    }
    let bytes = try await request.body.collect(upTo: 1 << 20)
    let received = ReceivedLLMRequest(path: request.uri.path, headers: headers, body: Array(bytes.readableBytesView))
    switch await state.take(received) {
    case .succeed(let text, let input, let output):
        return json(200, format.success(text: text, inputTokens: input, outputTokens: output))
    case .status(let status, let body, let extra):
        return json(status, body, extra: extra)
    case .malformed:
        return json(200, #"{"choices":[{"message":{"content":"half"#)
    case .raw(let body):
        return json(200, body)
    case .slow(let delay):
        let deadline = ContinuousClock.now + delay
        while ContinuousClock.now < deadline, await !state.released {
            try await Task.sleep(for: .milliseconds(20))
        }
        return json(200, format.success(text: StandInLLMState.defaultText, inputTokens: 1, outputTokens: 1))
    }
}

private func json(_ status: Int, _ body: String, extra: [String: String] = [:]) -> Response {
    var headers: HTTPFields = [.contentType: "application/json"]
    for (name, value) in extra {
        headers[HTTPFields.Element.Name(name)!] = value
    }
    return Response(
        status: HTTPResponse.Status(code: status), headers: headers,
        body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
}
