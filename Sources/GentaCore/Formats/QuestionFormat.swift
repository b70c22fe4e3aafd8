/// The three question formats of UTBK-SNBT. Each is scored right or wrong, so all three feed the
/// same dichotomous IRT model.
public enum QuestionFormat: String, CaseIterable, Codable, Sendable, Hashable {
    /// Five options A–E, one keyed ("pilihan ganda").
    case multipleChoice = "multiple_choice"
    /// A table of statements, each answered with one of two labels such as Benar/Salah
    /// ("pilihan ganda kompleks"); right only when every row is right.
    case complexMultipleChoice = "complex_multiple_choice"
    /// A number or a short text typed by the student ("isian singkat").
    case shortAnswer = "short_answer"

    /// The SQL list of formats for CHECK constraints.
    public static var sqlList: String {
        allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }
}
