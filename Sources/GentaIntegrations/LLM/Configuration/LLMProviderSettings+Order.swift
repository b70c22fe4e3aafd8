import Foundation

extension LLMProviderSettings {
    /// `GENTA_FEEDBACK_PROVIDERS`, checked against what is configured; without it, the
    /// configured providers in the order mistral, openai, anthropic, local.
    func readOrder(_ reader: LLMEnvironmentReader) throws(LLMConfigurationError) -> [LLMProviderKind] {
        let variable = "GENTA_FEEDBACK_PROVIDERS"
        guard let raw = reader.value(variable) else {
            return [.mistral, .openai, .anthropic, .local].filter(isConfigured)
        }
        let names = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var order: [LLMProviderKind] = []
        var sawTemplate = false
        for name in names where !name.isEmpty {
            guard let kind = LLMProviderKind(rawValue: name) else {
                let allowed = LLMProviderKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw LLMConfigurationError(variable: variable, message: "lists \"\(name)\"; known providers are \(allowed)")
            }
            if sawTemplate {
                throw LLMConfigurationError(
                    variable: variable, message: "lists \(name) after template; template always answers, so it must come last")
            }
            if kind == .template {
                sawTemplate = true
                continue
            }
            if order.contains(kind) {
                throw LLMConfigurationError(variable: variable, message: "lists \(name) twice")
            }
            guard isConfigured(kind) else { throw Self.missing(kind) }
            order.append(kind)
        }
        return order
    }

    private static func missing(_ kind: LLMProviderKind) -> LLMConfigurationError {
        let because = "is required because GENTA_FEEDBACK_PROVIDERS lists \(kind.rawValue)"
        switch kind {
        case .mistral: return LLMConfigurationError(variable: "MISTRAL_API_KEY", message: because)
        case .openai: return LLMConfigurationError(variable: "OPENAI_API_KEY", message: because)
        case .anthropic: return LLMConfigurationError(variable: "ANTHROPIC_API_KEY", message: because)
        case .local, .template: return LLMConfigurationError(variable: "GENTA_LLM_BASE_URL", message: because)
        }
    }
}
