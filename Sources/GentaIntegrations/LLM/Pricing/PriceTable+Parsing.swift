import Foundation

extension PriceTable {
    /// Prices above this per million tokens are taken for a typo (no small model costs that).
    static let implausiblePrice: Decimal = 1000

    /// This table with the entries of `text` added or replaced. `text` is
    /// `model=input/output` entries separated by commas, prices in USD per million tokens
    /// (`mistral-small-latest=0.15/0.60,local:llama3.2=0/0`); blank means no change.
    ///
    /// - Throws: `LLMConfigurationError` for `variable`, saying which entry is wrong and why.
    public func overriding(with text: String, variable: String = "GENTA_LLM_PRICES") throws(LLMConfigurationError) -> PriceTable {
        var table = self
        for entry in text.split(separator: ",") {
            let entry = entry.trimmingCharacters(in: .whitespaces)
            if entry.isEmpty { continue }
            let (model, price) = try Self.parseEntry(entry, variable: variable)
            table.prices[model] = price
        }
        return table
    }

    private static func parseEntry(_ entry: String, variable: String) throws(LLMConfigurationError) -> (String, ModelPrice) {
        func failure(_ reason: String) -> LLMConfigurationError {
            LLMConfigurationError(
                variable: variable, message: "entry \"\(entry)\" \(reason); expected model=input/output in USD per million tokens, e.g. gpt-4o-mini=0.15/0.60")
        }
        guard let equals = entry.firstIndex(of: "=") else { throw failure("has no \"=\"") }
        let model = entry[..<equals].trimmingCharacters(in: .whitespaces)
        guard !model.isEmpty else { throw failure("names no model") }
        let prices = entry[entry.index(after: equals)...].split(separator: "/", omittingEmptySubsequences: false)
        guard prices.count == 2 else { throw failure("does not have exactly two prices separated by \"/\"") }
        guard let input = amount(prices[0]), let output = amount(prices[1]) else {
            throw failure("has a price that is not a plain non-negative number")
        }
        guard input <= implausiblePrice, output <= implausiblePrice else {
            throw failure("has a price above \(implausiblePrice) USD per million tokens")
        }
        return (model, ModelPrice(inputPerMillion: input, outputPerMillion: output))
    }

    /// Digits with at most one decimal point; `Decimal(string:)` alone would accept "0.15abc".
    private static func amount(_ text: Substring) -> Decimal? {
        let text = text.trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}
