/// `POST …/chat/completions` as OpenAI, Mistral, Ollama, llama.cpp and vLLM accept it.
struct OpenAIChatRequest: Encodable {
    struct Message: Encodable {
        let role: String
        let content: String
    }

    let model: String
    let messages: [Message]
    /// `max_tokens` rather than `max_completion_tokens`: the older name is what Mistral and the
    /// local servers understand, and OpenAI still accepts it for non-reasoning models.
    let maxTokens: Int
    let temperature: Double

    enum CodingKeys: String, CodingKey {
        case model, messages, temperature
        case maxTokens = "max_tokens"
    }

    init(model: String, prompt: Prompt) {
        self.model = model
        messages = [Message(role: "system", content: prompt.system), Message(role: "user", content: prompt.user)]
        maxTokens = prompt.maxTokens
        temperature = prompt.temperature.isFinite ? prompt.temperature : PromptTemplates.temperature
    }
}

/// The answer, read leniently: every field optional, unknown fields ignored.
struct OpenAIChatResponse: Decodable {
    struct Choice: Decodable {
        let message: Message?
    }

    struct Message: Decodable {
        let content: MessageContent?
    }

    struct Usage: Decodable {
        let promptTokens: Int?
        let completionTokens: Int?

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
        }
    }

    let choices: [Choice]?
    let usage: Usage?

    /// The first choice's text, nil when there is none.
    var text: String? { choices?.first?.message?.content?.text }
}

/// A message's `content`: a string, or (Mistral's reasoning models, some local servers) a list of
/// parts of which the `text` ones are the answer.
struct MessageContent: Decodable {
    let text: String?

    private struct Part: Decodable {
        let type: String?
        let text: String?
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {  // ok: probing which shape the provider sent
            text = string
        } else if let parts = try? container.decode([Part].self) {  // ok: probing which shape the provider sent
            let texts = parts.filter { ($0.type ?? "text") == "text" }.compactMap(\.text)
            text = texts.isEmpty ? nil : texts.joined()
        } else {
            text = nil
        }
    }
}

/// OpenAI `{"error":{"message","type","code"}}`, Mistral `{"object":"error","message","type","code"}`
/// or `{"message":"…"}`, and `{"error":"…"}` from some local servers.
struct OpenAIErrorBody: Decodable {
    struct Detail: Decodable {
        let message: String?
        let type: String?
        let code: LenientText?
    }

    let detail: Detail?
    let message: String?
    let type: String?
    let code: LenientText?

    enum CodingKeys: String, CodingKey {
        case error, message, type, code
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let detail = try? container.decode(Detail.self, forKey: .error) {  // ok: probing which shape the provider sent
            self.detail = detail
            message = detail.message
        } else {
            detail = nil
            message = (try? container.decode(String.self, forKey: .message)) ?? (try? container.decode(String.self, forKey: .error))  // ok: probing which shape the provider sent
        }
        type = detail?.type ?? (try? container.decode(String.self, forKey: .type))  // ok: probing which shape the provider sent
        code = detail?.code ?? (try? container.decode(LenientText.self, forKey: .code))  // ok: probing which shape the provider sent
    }
}
