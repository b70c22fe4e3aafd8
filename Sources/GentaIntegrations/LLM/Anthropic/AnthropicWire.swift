/// `POST /v1/messages`: the system prompt is top-level and `max_tokens` is required.
struct AnthropicMessagesRequest: Encodable {
    struct Message: Encodable {
        let role: String
        let content: String
    }

    let model: String
    let maxTokens: Int
    let system: String
    let messages: [Message]
    let temperature: Double

    enum CodingKeys: String, CodingKey {
        case model, system, messages, temperature
        case maxTokens = "max_tokens"
    }

    init(model: String, prompt: Prompt) {
        self.model = model
        maxTokens = prompt.maxTokens
        system = prompt.system
        messages = [Message(role: "user", content: prompt.user)]
        temperature = prompt.temperature.isFinite ? prompt.temperature : PromptTemplates.temperature
    }
}

/// The answer, read leniently: every field optional, unknown fields and block types ignored.
struct AnthropicMessagesResponse: Decodable {
    struct Block: Decodable {
        let type: String?
        let text: String?
    }

    struct Usage: Decodable {
        let inputTokens: Int?
        let outputTokens: Int?

        enum CodingKeys: String, CodingKey {
            case inputTokens = "input_tokens"
            case outputTokens = "output_tokens"
        }
    }

    let content: [Block]?
    let usage: Usage?

    /// The text blocks joined; nil when there are none.
    var text: String? {
        let texts = (content ?? []).filter { $0.type == "text" }.compactMap(\.text)
        return texts.isEmpty ? nil : texts.joined()
    }
}

/// `{"type":"error","error":{"type","message"}}`.
struct AnthropicErrorBody: Decodable {
    struct Detail: Decodable {
        let type: String?
        let message: String?
    }

    let error: Detail?
}
