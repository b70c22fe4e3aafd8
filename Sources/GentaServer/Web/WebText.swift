import Hummingbird

/// The pages' words, in Indonesian first and English on request (`?lang=en`, kept in the
/// `lang` cookie). Templates read them as `{{t.key}}`; a missing English entry falls back to
/// the Indonesian one, so a page never shows a blank.
enum WebLanguage: String, Sendable {
    case id, en

    /// The language asked for in the query, else the cookie, else Indonesian.
    static func of(_ request: Request) -> WebLanguage {
        if let asked = request.uri.queryParameters["lang"].flatMap({ WebLanguage(rawValue: String($0)) }) { return asked }
        return WebCookies.value("lang", in: request).flatMap(WebLanguage.init(rawValue:)) ?? .id
    }

    var text: [String: String] {
        self == .id ? WebText.indonesian : WebText.indonesian.merging(WebText.english) { _, english in english }
    }
}

enum WebText {
    static let indonesian: [String: String] = [
        "app_name": "Genta",
        "skip_to_content": "Langsung ke isi",
        "menu": "Menu utama",
        "tagline": "Latihan UTBK-SNBT yang menyesuaikan diri dengan kemampuanmu.",
        "sign_in": "Masuk",
        "sign_out": "Keluar",
        "email": "Alamat email",
        "name": "Nama (boleh kosong)",
        "sign_in_local_note": "Mode pengembangan: masuk cukup dengan email, tanpa kata sandi.",
        "sign_in_clerk_note": "Masuk dengan akun Genta-mu.",
        "start": "Mulai latihan",
        "dashboard": "Dasbor",
        "practice": "Latihan",
        "premium": "Premium",
        "language_switch": "English",
        "onboarding_title": "Tentukan targetmu",
        "target_ptn": "Universitas tujuan (PTN)",
        "target_score": "Skor UTBK target (300–900)",
        "exam_date": "Tanggal ujian",
        "study_hours": "Jam belajar per minggu",
        "save": "Simpan",
        "readiness_title": "Kesiapanmu per subtes",
        "subtest": "Subtes",
        "readiness": "Kesiapan",
        "predicted_range": "Perkiraan skor",
        "target": "Target",
        "chance": "Peluang mencapai target",
        "ready_by": "Siap pada",
        "not_enough_data": "Belum cukup data",
        "accuracy": "Ketepatan",
        "answered": "dijawab",
        "practise_next": "Latihan berikutnya yang paling berguna",
        "choose_subtest": "Pilih subtes",
        "question": "Soal",
        "answer": "Jawab",
        "correct": "Benar!",
        "wrong": "Belum tepat",
        "key": "Kunci jawaban",
        "your_answer": "Jawabanmu",
        "explanation": "Pembahasan",
        "strategy": "Tips",
        "ability_change": "Perubahan kemampuan (θ)",
        "next_question": "Soal berikutnya",
        "end_session": "Selesai",
        "remaining_today": "Sisa soal gratis hari ini",
        "error_title": "Ada masalah",
        "back": "Kembali",
        "passage": "Bacaan",
        "true": "Benar",
        "false": "Salah",
        "short_answer": "Jawaban singkat",
        "statement": "Pernyataan",
    ]

    static let english: [String: String] = [
        "tagline": "UTBK-SNBT practice that adapts to your ability.",
        "skip_to_content": "Skip to content",
        "menu": "Main menu",
        "sign_in": "Sign in",
        "sign_out": "Sign out",
        "email": "E-mail address",
        "name": "Name (optional)",
        "sign_in_local_note": "Development mode: sign in with an e-mail address only, no password.",
        "sign_in_clerk_note": "Sign in with your Genta account.",
        "start": "Start practising",
        "dashboard": "Dashboard",
        "practice": "Practice",
        "language_switch": "Bahasa Indonesia",
        "onboarding_title": "Set your goal",
        "target_ptn": "Target university (PTN)",
        "target_score": "Target UTBK score (300–900)",
        "exam_date": "Exam date",
        "study_hours": "Study hours per week",
        "save": "Save",
        "readiness_title": "Your readiness per subtest",
        "subtest": "Subtest",
        "readiness": "Readiness",
        "predicted_range": "Predicted score",
        "chance": "Chance of reaching the target",
        "ready_by": "Ready by",
        "not_enough_data": "Not enough data yet",
        "accuracy": "Accuracy",
        "answered": "answered",
        "practise_next": "The most useful thing to practise next",
        "choose_subtest": "Choose a subtest",
        "question": "Question",
        "answer": "Answer",
        "correct": "Correct!",
        "wrong": "Not quite",
        "key": "Answer key",
        "your_answer": "Your answer",
        "explanation": "Explanation",
        "strategy": "Tip",
        "ability_change": "Ability change (θ)",
        "next_question": "Next question",
        "end_session": "Finish",
        "remaining_today": "Free questions left today",
        "error_title": "Something went wrong",
        "back": "Back",
        "passage": "Passage",
        "true": "True",
        "false": "False",
        "short_answer": "Short answer",
        "statement": "Statement",
    ]
}
