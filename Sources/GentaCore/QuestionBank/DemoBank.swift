import Foundation

/// The demo question bank shipped with Genta: original Indonesian practice questions for the
/// three sections, loaded as reviewed so that practice can serve them on a fresh install.
public enum DemoBank {
    /// Stable identity of the demo bank's `question_banks` row, so loading is done once only.
    public static let bankID = UUID(uuidString: "6e6e7461-0000-4000-8000-000000000001")!

    public static let metadata = BankMetadata(
        name: "Genta demo bank",
        description: "Original practice questions for PU, PK and PBM written for Genta.",
        source: "practice_set"
    )

    /// Reviewer recorded on the demo questions (they were checked when written).
    public static let reviewerName = "Genta content team"

    /// Files of the bank, one per section.
    static let fileNames = Section.allCases.map { "\($0.rawValue).json" }

    /// Reads and validates the bundled files.
    public static func load() throws -> [QuestionDraft] {
        var files: [QuestionBankParser.File] = []
        for name in fileNames {
            let stem = String(name.dropLast(".json".count))
            guard let url = Bundle.module.url(forResource: stem, withExtension: "json", subdirectory: "DemoBank")
            else { throw DemoBankMissing(file: name) }
            files.append(.init(name: name, data: try Data(contentsOf: url)))
        }
        return try QuestionBankParser.parse(files)
    }
}

/// The executable was built without its resource bundle.
public struct DemoBankMissing: Error, CustomStringConvertible {
    public let file: String
    public var description: String { "demo bank file \(file) is missing from the resource bundle" }
}
