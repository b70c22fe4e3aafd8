/// The sub types a question of each subtest may have: the topics the content team writes to
/// and students filter their mistakes by. A question's sub type must be one of its subtest's,
/// so a typo (`pelung`) cannot create a topic of one question. New topics are added here, in
/// one reviewed change, and listed in docs/CONTENT.md.
public enum SubTypeCatalog {
    public static let standard: [Section: [String]] = [
        .pu: ["analogi", "penalaran_analitis", "penalaran_logis", "pola_bilangan", "silogisme", "penalaran_kuantitatif"],
        .ppu: ["antonim", "hubungan_kata", "makna_kontekstual", "pemahaman_wacana", "sinonim", "struktur_kalimat"],
        .pbm: ["ejaan", "ide_pokok", "kalimat_efektif", "kata_baku", "makna_kata", "kata_hubung", "paragraf"],
        .pk: ["aljabar", "aritmetika", "geometri", "peluang", "statistika", "bilangan", "fungsi"],
        .lbi: ["evaluasi_argumen", "ide_pokok", "informasi_tersurat", "simpulan", "tujuan_dan_sikap_penulis"],
        .lbe: ["author_purpose", "detail", "inference", "main_idea", "vocabulary_in_context"],
        .pm: ["aljabar_kontekstual", "bilangan_rasio", "geometri_pengukuran", "peluang_kombinatorika", "statistika_data"],
    ]

    public static func isKnown(_ subType: String, in section: Section) -> Bool {
        standard[section]?.contains(subType) ?? false
    }
}
