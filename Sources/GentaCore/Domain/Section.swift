/// The seven subtests of UTBK-SNBT, in the order the exam sits them: the four of the Tes Potensi
/// Skolastik (TPS), then the three literacy tests.
///
/// Raw values are the codes stored in the database and used in the API. Genta began with PU, PK
/// and PBM; their codes are unchanged, so clients written then keep working.
public enum Section: String, CaseIterable, Codable, Sendable, Hashable {
    /// Penalaran Umum — general reasoning.
    case pu = "PU"
    /// Pengetahuan dan Pemahaman Umum — general knowledge and understanding.
    case ppu = "PPU"
    /// Pemahaman Bacaan dan Menulis — reading comprehension and writing.
    case pbm = "PBM"
    /// Pengetahuan Kuantitatif — quantitative knowledge.
    case pk = "PK"
    /// Literasi dalam Bahasa Indonesia — Indonesian literacy.
    case lbi = "LBI"
    /// Literasi dalam Bahasa Inggris — English literacy.
    case lbe = "LBE"
    /// Penalaran Matematika — mathematical reasoning.
    case pm = "PM"

    /// The subtest's Indonesian name, as the exam calls it.
    public var indonesianName: String {
        switch self {
        case .pu: "Penalaran Umum"
        case .ppu: "Pengetahuan dan Pemahaman Umum"
        case .pbm: "Pemahaman Bacaan dan Menulis"
        case .pk: "Pengetahuan Kuantitatif"
        case .lbi: "Literasi dalam Bahasa Indonesia"
        case .lbe: "Literasi dalam Bahasa Inggris"
        case .pm: "Penalaran Matematika"
        }
    }

    /// The subtest's name in English.
    public var englishName: String {
        switch self {
        case .pu: "General Reasoning"
        case .ppu: "General Knowledge and Understanding"
        case .pbm: "Reading Comprehension and Writing"
        case .pk: "Quantitative Knowledge"
        case .lbi: "Indonesian Literacy"
        case .lbe: "English Literacy"
        case .pm: "Mathematical Reasoning"
        }
    }

    /// The codes as a sentence fragment for messages: "PU, PPU, PBM, PK, LBI, LBE or PM".
    public static var codeList: String {
        let codes = allCases.map(\.rawValue)
        return codes.dropLast().joined(separator: ", ") + " or " + codes[codes.count - 1]
    }

    /// The SQL list of codes for CHECK constraints: `'PU', 'PPU', …`.
    public static var sqlList: String {
        allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }
}
