/// The versioned prompts for feedback. Change the wording only together with the version: the
/// version is stored with every feedback and keys the feedback cache.
public enum PromptTemplates {
    /// The Indonesian wording's version.
    public static let indonesianVersion = "id-v1"
    /// The English wording's version.
    public static let englishVersion = "en-v1"
    /// The completion limit: 150 words of Indonesian come to about 250–300 tokens with the
    /// tokenizers of the small hosted models; 400 leaves room to finish the last sentence while
    /// bounding the cost of a model that rambles.
    public static let maxTokens = 400
    /// Low, for feedback that sticks to the explanation rather than inventing.
    public static let temperature = 0.3
    /// About 200 Indonesian words: the prompt asks for 150, so only a reply that ignores it is cut.
    public static let maxCharacters = 1500

    /// The version used for `language`.
    public static func version(for language: FeedbackLanguage) -> String {
        switch language {
        case .indonesian: indonesianVersion
        case .english: englishVersion
        }
    }

    /// The prompt for `request`, in `request.language`.
    public static func prompt(for request: FeedbackRequest) -> Prompt {
        let system: String
        let user: String
        switch request.language {
        case .indonesian:
            system = IndonesianPrompt.system
            user = IndonesianPrompt.user(for: request)
        case .english:
            system = EnglishPrompt.system
            user = EnglishPrompt.user(for: request)
        }
        return Prompt(
            version: version(for: request.language), language: request.language, system: system, user: user,
            maxTokens: maxTokens, temperature: temperature, maxCharacters: maxCharacters, request: request)
    }
}
