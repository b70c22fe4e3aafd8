import Foundation

/// The demo question bank shipped with Genta: original practice questions for the seven
/// subtests (LBE in English, the rest in Indonesian) and the reading passages they share, loaded
/// as reviewed so that practice and tryouts can use them on a fresh install.
public enum DemoBank {
    /// Stable identity of the demo bank's `question_banks` row, so loading is done once only.
    public static let bankID = UUID(uuidString: "6e6e7461-0000-4000-8000-000000000001")!

    public static let metadata = BankMetadata(
        name: "Genta demo bank",
        description: "Original practice questions for the seven UTBK-SNBT subtests written for Genta.",
        source: "practice_set"
    )

    /// Reviewer recorded on the demo questions (they were checked when written).
    public static let reviewerName = "Genta content team"

    /// Files of the bank, one per subtest, and the passages they share.
    static let questionFiles = Section.allCases.map(\.rawValue)
    static let passageFile = "passages"

    /// Reads and validates the bundled files.
    public static func load() throws -> QuestionBankParser.Bank {
        try QuestionBankParser.parseBank(
            questions: try questionFiles.map(file(named:)), passages: try file(named: passageFile))
    }

    private static func file(named stem: String) throws -> QuestionBankParser.File {
        guard let url = Bundle.module.url(forResource: stem, withExtension: "json", subdirectory: "DemoBank")
        else { throw DemoBankMissing(file: "\(stem).json") }
        return .init(name: "\(stem).json", data: try Data(contentsOf: url))
    }
}

/// The executable was built without its resource bundle.
public struct DemoBankMissing: Error, CustomStringConvertible {
    public let file: String
    public var description: String { "demo bank file \(file) is missing from the resource bundle" }
}
