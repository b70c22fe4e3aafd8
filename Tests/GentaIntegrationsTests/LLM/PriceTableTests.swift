import Foundation
import GentaIntegrations
import Testing

extension LLM {
    /// Prices from configuration and the cost of one feedback.
    @Suite struct PriceTableTests {
        let table = PriceTable.defaults

        @Test func defaultsFollowTheReference() {
            #expect(table.price(for: "mistral-small-latest") == ModelPrice(inputPerMillion: Decimal(string: "0.15")!, outputPerMillion: Decimal(string: "0.6")!))
            #expect(table.price(for: "gpt-4o-mini") == ModelPrice(inputPerMillion: Decimal(string: "0.15")!, outputPerMillion: Decimal(string: "0.60")!))
            #expect(table.price(for: "claude-haiku-4-5") == ModelPrice(inputPerMillion: Decimal(string: "0.1")!, outputPerMillion: Decimal(string: "0.5")!))
            #expect(table.price(for: "template") == .free)
        }

        @Test func costIsTokensTimesPricePerMillion() {
            // 1 000 × 0.15 + 500 × 0.60 = 450 micro-dollars.
            #expect(table.cost(model: "mistral:mistral-small-latest", inputTokens: 1000, outputTokens: 500) == Decimal(string: "0.00045"))
            #expect(table.cost(model: "gpt-4o-mini", inputTokens: 412, outputTokens: 97) == Decimal(string: "0.0001200"))
            #expect(table.cost(model: "anthropic:claude-haiku-4-5", inputTokens: 1, outputTokens: 1) == Decimal(string: "0.0000006"))
        }

        @Test func costKeepsEightDecimals() throws {
            let fine = try table.overriding(with: "tiny=0.123456789/0.333333333")
            // 3 × 0.123456789 / 10⁶ = 0.000000370370367 → 0.00000037; 7 × 0.333333333 / 10⁶ → 0.00000233.
            #expect(fine.cost(model: "tiny", inputTokens: 3, outputTokens: 0) == Decimal(string: "0.00000037"))
            #expect(fine.cost(model: "tiny", inputTokens: 0, outputTokens: 7) == Decimal(string: "0.00000233"))
            // Half away from zero: 1 × 0.005 / 10⁶ = 0.000000005, exactly half of the last place kept.
            let half = try table.overriding(with: "half=0.005/0")
            #expect(half.cost(model: "half", inputTokens: 1, outputTokens: nil) == Decimal(string: "0.00000001"))
        }

        @Test func unknownModelsAndMissingCountsCostNil() {
            #expect(table.cost(model: "local:llama3.2", inputTokens: 10, outputTokens: 10) == nil)
            #expect(table.cost(model: "gpt-4o-mini", inputTokens: nil, outputTokens: nil) == nil)
            #expect(table.cost(model: "gpt-4o-mini", inputTokens: 1_000_000, outputTokens: nil) == Decimal(string: "0.15"))
            #expect(table.cost(model: "template", inputTokens: nil, outputTokens: nil) == 0)
        }

        @Test func providerQualifiedPricesWin() throws {
            let table = try table.overriding(with: " local:llama3.2:8b = 0/0 , openai:gpt-4o-mini=1/2, ")
            #expect(table.cost(model: "local:llama3.2:8b", inputTokens: 500, outputTokens: 500) == 0)
            #expect(table.cost(model: "openai:gpt-4o-mini", inputTokens: 1_000_000, outputTokens: 0) == 1)
            #expect(table.cost(model: "gpt-4o-mini", inputTokens: 1_000_000, outputTokens: 0) == Decimal(string: "0.15"))
        }

        @Test func overridesReplaceDefaults() throws {
            let table = try table.overriding(with: "mistral-small-latest=0.1/0.3")
            #expect(table.price(for: "mistral-small-latest") == ModelPrice(inputPerMillion: Decimal(string: "0.1")!, outputPerMillion: Decimal(string: "0.3")!))
            #expect(table.price(for: "gpt-4o-mini") != nil)
            #expect(try PriceTable.defaults.overriding(with: "  ") == PriceTable.defaults)
        }

        @Test(arguments: [
            "gpt-4o-mini", "gpt-4o-mini=0.15", "=0.1/0.2", "gpt-4o-mini=0.15/abc", "gpt-4o-mini=0.15abc/0.6",
            "gpt-4o-mini=-1/0.6", "gpt-4o-mini=1e3/1", "gpt-4o-mini=0,15/0,60", "gpt-4o-mini=0.1/0.2/0.3", "x=5000/1",
        ])
        func malformedPricesNameTheVariable(text: String) {
            let error = #expect(throws: LLMConfigurationError.self) { try PriceTable.defaults.overriding(with: text) }
            #expect(error?.variable == "GENTA_LLM_PRICES")
            #expect(error?.description.hasPrefix("GENTA_LLM_PRICES: entry") == true)
        }
    }
}
