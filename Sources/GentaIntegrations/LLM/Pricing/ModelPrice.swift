import Foundation

/// A model's list price in USD per million tokens.
public struct ModelPrice: Sendable, Equatable {
    /// USD per million prompt tokens.
    public var inputPerMillion: Decimal
    /// USD per million completion tokens.
    public var outputPerMillion: Decimal

    public init(inputPerMillion: Decimal, outputPerMillion: Decimal) {
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
    }

    /// Free: the template, and local models.
    public static let free = ModelPrice(inputPerMillion: 0, outputPerMillion: 0)

    /// A price given in hundredths of a dollar, exact in decimal (a `Double` literal would not be).
    static func cents(_ input: Int, _ output: Int) -> ModelPrice {
        ModelPrice(inputPerMillion: Decimal(input) / 100, outputPerMillion: Decimal(output) / 100)
    }
}
