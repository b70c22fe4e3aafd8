import GentaCore
import Testing

@Suite("Short answers")
struct ShortAnswerTests {
    @Test("0,5 and 0.5 and 1/2 are one number; so are 2 and 2,00", arguments: [
        ("0,5", "0.5"), ("0,5", "1/2"), ("1/2", "2/4"), ("2", "2,00"), ("-0,25", "-1/4"), ("12,5", "25/2"),
        ("360.000", "360000"), ("1.250,75", "1250,75"), (" 7 ", "7"), ("1/2", "0,5/1"),
    ])
    func sameNumber(given: String, accepted: String) {
        #expect(ShortAnswer.matches(given, accepted: [accepted]))
        #expect(ShortAnswer.matches(accepted, accepted: [given]))
    }

    @Test("different numbers differ", arguments: [("0,5", "5"), ("1.5", "15"), ("1/3", "0,33"), ("-2", "2"), ("360", "360.000")])
    func differentNumbers(given: String, accepted: String) {
        #expect(!ShortAnswer.matches(given, accepted: [accepted]))
    }

    @Test("a lone dot before three digits groups thousands; other dots are decimal points")
    func dots() {
        #expect(ShortAnswer.normalised("1.250") == .number(numerator: 1250, denominator: 1))
        #expect(ShortAnswer.normalised("12.25") == .number(numerator: 49, denominator: 4))
        #expect(ShortAnswer.normalised("0.125") == .number(numerator: 1, denominator: 8), "a leading 0 groups nothing")
    }

    @Test("words compare without case, extra spaces or a final full stop")
    func words() {
        #expect(ShortAnswer.matches("  Dokumen   Penting. ", accepted: ["dokumen penting"]))
        #expect(!ShortAnswer.matches("dokumen", accepted: ["dokumen penting"]))
    }

    @Test("nonsense, division by zero and absurd lengths are just wrong, never a crash", arguments: [
        "", "   ", "1/0", "1/2/3", "1,2,3", "9999999999999999999999", "1e309", "--1", String(repeating: "9", count: 10_000),
    ])
    func robust(given: String) {
        #expect(!ShortAnswer.matches(given, accepted: ["1"]))
    }
}
