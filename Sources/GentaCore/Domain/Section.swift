/// The three sections of the UTBK/SNBT practice exam that Genta serves.
///
/// Raw values are the codes stored in the database and used in the API.
public enum Section: String, CaseIterable, Codable, Sendable, Hashable {
    /// Penalaran Umum — general reasoning.
    case pu = "PU"
    /// Pengetahuan Kuantitatif — quantitative knowledge.
    case pk = "PK"
    /// Pemahaman Bacaan dan Menulis — reading comprehension and writing.
    case pbm = "PBM"
}
