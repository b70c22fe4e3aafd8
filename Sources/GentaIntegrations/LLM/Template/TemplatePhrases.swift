import GentaCore

/// The sentences template feedback is made of, in Indonesian and English.
struct TemplatePhrases {
    let language: FeedbackLanguage

    private func pick(_ indonesian: String, _ english: String) -> String {
        language == .indonesian ? indonesian : english
    }

    func wrongOpening(chosen: String, correct: String) -> String {
        pick(
            "Jawabanmu \(chosen) belum tepat; jawaban yang benar adalah \(correct).",
            "Your answer \(chosen) is not quite right; the correct answer is \(correct).")
    }

    func rightOpening(correct: String) -> String {
        pick("Tepat sekali, jawabanmu \(correct) benar.", "Well done, your answer \(correct) is correct.")
    }

    func because(_ reasons: String) -> String {
        pick("Alasannya: \(reasons)", "Here is why: \(reasons)")
    }

    func aboutChoice(_ option: String, sentence: String) -> String {
        pick("Tentang pilihan \(option): \(sentence)", "About option \(option): \(sentence)")
    }

    func misconception(_ hint: MisconceptionHint, option: String) -> String {
        switch hint {
        case .calculation:
            return pick(
                "Pilihan \(option) biasanya muncul dari salah hitung, tanda yang tertukar, atau langkah yang terlewat, jadi periksa lagi setiap langkahnya.",
                "Option \(option) usually comes from a slip in calculation, a swapped sign or a skipped step, so check each step again.")
        case .surfaceMatch:
            return pick(
                "Pilihan \(option) mengulang kata dari soal; pilihan yang sekadar mirip kata-katanya sering menjadi jebakan.",
                "Option \(option) repeats words from the question; an option that merely sounds like the question is a common trap.")
        case .sectionTypical(.pu):
            return pick(
                "Pilihan \(option) mungkin terasa benar karena hubungannya tampak mirip, padahal tidak memenuhi logika yang diminta soal.",
                "Option \(option) may feel right because the relation looks similar, but it does not follow the logic the question asks for.")
        case .sectionTypical(.pk), .sectionTypical(.pm):
            return pick(
                "Pilihan \(option) mungkin berasal dari konsep atau rumus yang tertukar, atau dari syarat soal yang terlewat.",
                "Option \(option) may come from a mixed-up concept or formula, or from a condition of the question that was missed.")
        case .sectionTypical(.pbm), .sectionTypical(.lbi), .sectionTypical(.lbe):
            return pick(
                "Pilihan \(option) mungkin terdengar benar secara umum, tetapi tidak didukung oleh isi teks atau kaidah bahasa yang ditanyakan.",
                "Option \(option) may sound right in general, but it is not supported by the text or by the language rule being asked about.")
        case .sectionTypical(.ppu):
            return pick(
                "Pilihan \(option) mungkin berkaitan dengan kata atau gagasan dalam soal, tetapi maknanya tidak sama persis dengan yang ditanyakan.",
                "Option \(option) may be related to a word or idea in the question, but its meaning is not exactly the one asked for.")
        }
    }

    func tip(_ tip: String, isCorrect: Bool) -> String {
        isCorrect
            ? pick("Tips untuk soal serupa: \(tip)", "Tip for similar questions: \(tip)")
            : pick("Tips: \(tip)", "Tip: \(tip)")
    }

    func levelAdvice(_ level: StudentLevel, isCorrect: Bool) -> String {
        switch (level, isCorrect) {
        case (.beginner, false):
            return pick(
                "Tidak apa-apa, kerjakan pelan-pelan dan tulis dulu apa yang ditanyakan sebelum melihat pilihan.",
                "That is fine: go slowly, and write down what is being asked before looking at the options.")
        case (.intermediate, false):
            return pick(
                "Sebelum memilih, bandingkan dua pilihan terkuat dan cari satu alasan yang membedakan keduanya.",
                "Before choosing, compare the two strongest options and find one reason that separates them.")
        case (.advanced, false):
            return pick(
                "Soal seperti ini sering memasang jebakan pada pilihan yang tampak paling jelas, jadi periksa satu detail kunci sebelum mengunci jawaban.",
                "Questions like this often set the trap in the most obvious option, so check one key detail before you commit.")
        case (.beginner, true):
            return pick(
                "Bagus, pertahankan cara berpikir ini dan terus berlatih dengan soal sejenis.",
                "Good work: keep this way of thinking and keep practising similar questions.")
        case (.intermediate, true):
            return pick(
                "Pertahankan ketelitianmu, lalu coba kerjakan soal sejenis sedikit lebih cepat.",
                "Keep this accuracy, then try similar questions a little faster.")
        case (.advanced, true):
            return pick(
                "Tantanganmu sekarang adalah kecepatan: coba selesaikan soal sejenis dalam waktu lebih singkat.",
                "Your next challenge is speed: try to solve similar questions in less time.")
        }
    }

    func review(_ concept: String) -> String {
        pick("Konsep yang perlu diulang: \(concept).", "Concept to review: \(concept).")
    }
}
