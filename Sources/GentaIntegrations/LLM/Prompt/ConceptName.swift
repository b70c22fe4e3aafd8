import GentaCore

/// Bank slugs (`analogi_keadaan_tindakan`, `deret-angka`) as words a student reads.
enum ConceptName {
    static func readable(_ slug: String) -> String {
        slug.split(whereSeparator: { $0 == "_" || $0 == "-" }).joined(separator: " ")
    }
}

extension Section {
    /// The section's Indonesian name, as the exam calls it.
    var indonesianName: String {
        switch self {
        case .pu: "Penalaran Umum"
        case .pk: "Pengetahuan Kuantitatif"
        case .pbm: "Pemahaman Bacaan dan Menulis"
        }
    }

    /// The section's name in English.
    var englishName: String {
        switch self {
        case .pu: "General Reasoning"
        case .pk: "Quantitative Knowledge"
        case .pbm: "Reading Comprehension and Writing"
        }
    }
}
