/// One of the three 3PL parameters, named in decisions about an item (``PretestDecision``,
/// ``DriftReport``) so the server can store and show which parameter a verdict is about.
public enum ItemParameterName: String, Sendable, Hashable, Codable, CaseIterable {
    /// Discrimination.
    case a
    /// Difficulty.
    case b
    /// Pseudo-guessing.
    case c
}
