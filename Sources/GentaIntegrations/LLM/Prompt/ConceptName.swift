import GentaCore

/// Bank slugs (`analogi_keadaan_tindakan`, `deret-angka`) as words a student reads.
enum ConceptName {
    static func readable(_ slug: String) -> String {
        slug.split(whereSeparator: { $0 == "_" || $0 == "-" }).joined(separator: " ")
    }
}
