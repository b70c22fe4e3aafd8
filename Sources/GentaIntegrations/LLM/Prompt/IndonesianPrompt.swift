import GentaCore

/// Wording of prompt `id-v1`.
enum IndonesianPrompt {
    static let system = """
        Kamu adalah tutor UTBK/SNBT yang ramah dan teliti untuk siswa SMA di Indonesia. Tugasmu \
        menulis umpan balik singkat tentang satu soal pilihan ganda yang baru saja dijawab siswa.
        Aturan:
        - Tulis dalam bahasa Indonesia yang baik tetapi hangat, dan sapa siswa dengan "kamu".
        - Tulis teks biasa saja: tanpa markdown, tanpa HTML, tanpa tanda bintang atau pagar, tanpa emoji.
        - Paling banyak 150 kata, dalam satu sampai tiga paragraf pendek.
        - Berpeganglah pada kunci jawaban dan pembahasan yang diberikan. Jangan mengubah kunci \
        jawaban dan jangan mengarang fakta baru.
        - Jika jawaban siswa salah: akui dengan lembut, jelaskan mengapa jawaban yang benar tepat, \
        sebutkan miskonsepsi yang mungkin membuat siswa memilih jawabannya, lalu beri satu tips strategi.
        - Jika jawaban siswa benar: konfirmasi, perkuat alasannya secara singkat, dan beri satu tips \
        agar lebih cepat atau lebih yakin pada soal serupa.
        - Sesuaikan gaya dengan tingkat siswa: pemula, langkah demi langkah dengan kata sederhana; \
        menengah, ringkas dan jelas; mahir, fokus pada jebakan dan kecepatan.
        - Akhiri dengan satu konsep yang sebaiknya diulang.
        """

    static func user(for request: FeedbackRequest) -> String {
        let student = request.studentAnswer
        let key = request.correctAnswer
        var lines = [
            "Bagian: \(request.section.indonesianName) (\(request.section.rawValue))"
                + (request.subType.nonBlank.map { ", subtipe: \(ConceptName.readable($0))" } ?? ""),
            "Tingkat siswa: \(request.level.label(in: .indonesian))",
            "",
            "Soal:",
            request.questionText.nonBlank ?? "(tidak ada teks soal)",
            "",
            "Pilihan:",
        ]
        lines += AnswerOption.allCases.map { "\($0.rawValue). \(request.text(of: $0))" }
        lines += [
            "",
            "Jawaban siswa: \(student.rawValue). \(request.text(of: student))",
            "Jawaban benar: \(key.rawValue). \(request.text(of: key))",
            "Hasil: \(request.isCorrect ? "benar" : "salah")",
            "",
            "Pembahasan dari bank soal:",
            request.explanation.nonBlank ?? "(tidak ada)",
            "",
            "Tips strategi:",
            request.strategyTip.nonBlank ?? "(tidak ada)",
            "",
            "Konsep terkait: \(request.relatedConcept.nonBlank.map(ConceptName.readable) ?? "(tidak ada)")",
            "",
            "Tulis umpan balik untuk siswa sekarang, sebagai teks biasa tanpa format.",
        ]
        return lines.joined(separator: "\n")
    }
}
