/// The providers `GENTA_FEEDBACK_PROVIDERS` may list.
public enum LLMProviderKind: String, Sendable, Hashable, CaseIterable {
    /// Mistral's API (`MISTRAL_*`).
    case mistral
    /// OpenAI's API (`OPENAI_*`).
    case openai
    /// Anthropic's API (`ANTHROPIC_*`).
    case anthropic
    /// Any OpenAI-compatible server, such as Ollama, llama.cpp or vLLM (`GENTA_LLM_*`).
    case local
    /// The offline writer; always the last resort whether listed or not.
    case template
}
