import Logging

/// The steps every HTTP provider shares around its own wire format: send and time the call,
/// log a refusal with the provider's own error detail, and turn the answer into bounded plain text.
struct LLMExchange {
    let provider: String
    let logger: Logger

    /// Posts `body`; a failure to get any answer is logged and rethrown.
    func send(
        _ post: LLMHTTPPost, _ body: [UInt8], to url: String, headers: [(String, String)]
    ) async throws(ProviderError) -> (response: LLMHTTPResponse, latency: Duration) {
        let started = ContinuousClock.now
        do throws(ProviderError) {
            let response = try await post.send(body, to: url, headers: headers)
            return (response, ContinuousClock.now - started)
        } catch {
            logger.warning("LLM call failed", metadata: ["provider": "\(provider)", "error": "\(error)"])
            throw error
        }
    }

    /// Logs a non-2xx answer with the provider's error type and message, and returns `error`.
    func refused(_ error: ProviderError, response: LLMHTTPResponse, type: String?, message: String?) -> ProviderError {
        logger.warning(
            "LLM call refused",
            metadata: [
                "provider": "\(provider)", "status": "\(response.status)", "error": "\(error)",
                "type": "\(type ?? "-")", "message": "\(String((message ?? "-").prefix(200)))",
            ])
        return error
    }

    /// The reply as sanitized plain text; an unreadable or empty reply is a malformed response.
    func text(_ raw: String?, decoded: Bool, prompt: Prompt, unreadable: String, empty: String) throws(ProviderError) -> String {
        guard decoded else {
            logger.warning("LLM answer unreadable", metadata: ["provider": "\(provider)"])
            throw .malformedResponse(unreadable)
        }
        let text = PlainText.sanitize(raw ?? "", maxLength: prompt.maxCharacters)
        guard !text.isEmpty else {
            logger.warning("LLM answer empty", metadata: ["provider": "\(provider)"])
            throw .malformedResponse(empty)
        }
        return text
    }
}
