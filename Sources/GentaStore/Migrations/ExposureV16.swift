/// Version 16: each question's exposure rate, for exposure control in practice.
///
/// `question_statistics.exposure_rate`: the share of the students who practised the question's
/// subtest who have answered it, as the hourly `refresh-question-stats` job last computed it.
/// Practice holds back questions at or above the configured maximum (docs/IRT.md, "Exposure
/// control").
enum ExposureV16 {
    static func up(_ dialect: Dialect) -> [String] {
        let real = dialect == .postgres ? "DOUBLE PRECISION" : "REAL"
        return ["ALTER TABLE question_statistics ADD COLUMN exposure_rate \(real) CHECK (exposure_rate BETWEEN 0 AND 1)"]
    }

    static func down(_ dialect: Dialect) -> [String] {
        ["ALTER TABLE question_statistics DROP COLUMN exposure_rate"]
    }
}
