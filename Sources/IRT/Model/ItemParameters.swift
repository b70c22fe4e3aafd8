/// Parameters of one dichotomous item under the three-parameter logistic (3PL) model
///
///     P(θ) = c + (1 − c) / (1 + e^(−a(θ − b)))
///
/// - `a`: discrimination (slope at `b` is `a·(1 − c)/4`); positive for a sensible item.
/// - `b`: difficulty, on the θ scale.
/// - `c`: pseudo-guessing, the lower asymptote; `c = 0` gives the 2PL.
///
/// The initialiser does not validate, because calibration and imports may carry any finite values;
/// ``isWellFormed`` says whether the values lie in the model's domain. All functions in this module
/// stay finite (no NaN, no overflow) for `|θ| ≤ 6`, `0 < a ≤ 4`, `|b| ≤ 5`, `0 ≤ c ≤ 0.5`, and
/// in practice for any finite parameters with `0 ≤ c < 1`.
public struct ItemParameters: Sendable, Hashable, Codable {
    /// Discrimination.
    public var a: Double
    /// Difficulty.
    public var b: Double
    /// Pseudo-guessing (lower asymptote).
    public var c: Double

    /// Creates item parameters; `c` defaults to 0 (a 2PL item).
    public init(a: Double, b: Double, c: Double = 0) {
        self.a = a
        self.b = b
        self.c = c
    }

    /// True when `a > 0`, `0 ≤ c < 1` and every value is finite.
    public var isWellFormed: Bool {
        a.isFinite && b.isFinite && c.isFinite && a > 0 && c >= 0 && c < 1
    }

    // Coded by hand so a missing `c` decodes as a 2PL item (banks exported by 2PL tools omit it).
    private enum CodingKeys: String, CodingKey { case a, b, c }

    /// Decodes `{"a":…, "b":…, "c":…}`; `c` may be absent (then 0).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        a = try container.decode(Double.self, forKey: .a)
        b = try container.decode(Double.self, forKey: .b)
        c = try container.decodeIfPresent(Double.self, forKey: .c) ?? 0
    }

    /// Encodes `{"a":…, "b":…, "c":…}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(a, forKey: .a)
        try container.encode(b, forKey: .b)
        try container.encode(c, forKey: .c)
    }
}
