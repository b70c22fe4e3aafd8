import ArgumentParser
import Foundation
import GentaCore
import GentaStore

/// `genta import FILE --bank NAME`: a question file into a bank, all or nothing.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV or JSON Lines question file into a bank (created when missing).",
        discussion: """
            All or nothing: every bad row is listed with its line and nothing is stored. New \
            questions are added, changed ones updated (awaiting review again), identical ones \
            left alone, so importing the same file twice changes nothing. The formats are in \
            docs/CONTENT.md. Migrations are applied first.
            """
    )

    @Argument(help: "The file: .csv or .jsonl.")
    var file: String

    @Option(help: "The bank's name; a bank of that name is created when there is none.")
    var bank: String

    @Flag(help: "Check the file and say what would change, without storing anything.")
    var dryRun = false

    func run() async throws {
        guard let format = QuestionFileFormat.of(fileName: file, contentType: nil) else {
            throw ValidationError("The file must end in .csv or .jsonl.")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw ValidationError("Cannot read \(file): \(error.localizedDescription)")
        }
        let parsed: QuestionBankParser.Bank
        do {
            parsed = try QuestionBankParser.parseFile(data, format: format, fileName: URL(fileURLWithPath: file).lastPathComponent)
        } catch {
            CommandSupport.fail(Self.describe(error.problems))
        }
        let started = ContinuousClock.now
        try await CommandSupport.withDatabase { database in
            try await Migrator(database: database, now: WallClock.system.now).migrate()
            let banks = BankQueries(database: database, now: WallClock.system.now)
            if dryRun, try await banks.id(named: bank) == nil {
                print("Dry run: the file is valid; bank \"\(bank)\" would be created with \(parsed.questions.count) questions and \(parsed.passages.count) passages.")
                return
            }
            let (target, created) = try await banks.named(bank, source: "import")
            do {
                let report = try await ContentImport(database: database, now: WallClock.system.now)
                    .apply(parsed, to: target.id, by: nil, dryRun: dryRun)
                let elapsed = (ContinuousClock.now - started).timeInterval
                print("""
                    \(dryRun ? "Dry run: would add" : "Added") \(report.added), \(dryRun ? "update" : "updated") \(report.updated), \
                    \(report.unchanged) unchanged; passages \(report.passagesAdded) added, \(report.passagesUpdated) updated \
                    — bank "\(bank)"\(created ? " (created)" : "") \(target.id.uuidString.lowercased()) in \(String(format: "%.2f", elapsed)) s
                    """)
            } catch let rejected as BankValidationError {
                CommandSupport.fail(Self.describe(rejected.problems))
            }
        }
    }

    static func describe(_ problems: [BankRowProblem]) -> String {
        "Nothing was imported: \(problems.count) problem(s).\n" + problems.map { problem in
            "  line \(problem.row.map(String.init) ?? "-")\(problem.field.map { ", \($0)" } ?? ""): \(problem.message)"
        }.joined(separator: "\n")
    }
}

/// `genta export --bank NAME FILE`: a bank's live questions in an import format.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a bank's questions and passages to a CSV or JSON Lines file (imports back unchanged).")

    @Argument(help: "The file to write: .csv or .jsonl.")
    var file: String

    @Option(help: "The bank's name.")
    var bank: String

    func run() async throws {
        guard let format = QuestionFileFormat.of(fileName: file, contentType: nil) else {
            throw ValidationError("The file must end in .csv or .jsonl.")
        }
        try await CommandSupport.withDatabase { database in
            try await Migrator(database: database, now: WallClock.system.now).migrate()
            guard let id = try await BankQueries(database: database, now: WallClock.system.now).id(named: bank) else {
                CommandSupport.fail("No bank is named \"\(bank)\".")
            }
            let data = try await BankExport(database: database).file(bankID: id, format: format)
            try data.write(to: URL(fileURLWithPath: file))
            print("Wrote \(data.count) bytes to \(file).")
        }
    }
}
