/// Version 15: summary tables for the founders' analytics, kept by the `refresh-analytics` job
/// so no report scans `attempts`.
///
/// - `daily_active_students`: each WIB day a student answered, with how many answers — daily and
///   weekly actives and the retention cohorts read only this.
/// - `daily_answers`: answers (and right ones, as graded then) per WIB day and subtest.
/// - `weekly_active_students`: each WIB week (its Monday) a student answered, with the week they
///   signed up in (their cohort).
/// - `daily_totals`, `weekly_totals`, `cohort_weeks`: the counts the reports read — students
///   per day, per week, and per sign-up week and week — recomputed for the days and weeks each
///   refresh touched, so a report reads a few hundred rows whatever the history.
/// - `analytics_progress`: up to which instant the answers are summed, so each answer is counted
///   exactly once however often the job runs.
enum AnalyticsV15 {
    static func up(_ dialect: Dialect) -> [String] {
        let uuid = dialect == .postgres ? "UUID" : "TEXT"
        let timestamp = dialect == .postgres ? "TIMESTAMPTZ" : "REAL"
        return [
            """
            CREATE TABLE daily_active_students (
                day VARCHAR(10) NOT NULL,
                user_id \(uuid) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                answers INTEGER NOT NULL CHECK (answers > 0),
                PRIMARY KEY (day, user_id)
            )
            """,
            "CREATE INDEX idx_daily_active_students_user ON daily_active_students (user_id, day)",
            """
            CREATE TABLE daily_answers (
                day VARCHAR(10) NOT NULL,
                section VARCHAR(10) NOT NULL,
                answers INTEGER NOT NULL CHECK (answers >= 0),
                correct INTEGER NOT NULL CHECK (correct >= 0),
                PRIMARY KEY (day, section)
            )
            """,
            "CREATE TABLE daily_totals (day VARCHAR(10) NOT NULL PRIMARY KEY, students INTEGER NOT NULL CHECK (students >= 0))",
            """
            CREATE TABLE weekly_active_students (
                week VARCHAR(10) NOT NULL,
                user_id \(uuid) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                cohort VARCHAR(10) NOT NULL,
                PRIMARY KEY (week, user_id)
            )
            """,
            "CREATE TABLE weekly_totals (week VARCHAR(10) NOT NULL PRIMARY KEY, students INTEGER NOT NULL CHECK (students >= 0))",
            """
            CREATE TABLE cohort_weeks (
                cohort VARCHAR(10) NOT NULL,
                week VARCHAR(10) NOT NULL,
                students INTEGER NOT NULL CHECK (students >= 0),
                PRIMARY KEY (cohort, week)
            )
            """,
            """
            CREATE TABLE analytics_progress (
                name VARCHAR(50) NOT NULL PRIMARY KEY,
                summed_through \(timestamp) NOT NULL
            )
            """,
        ]
    }

    static func down(_ dialect: Dialect) -> [String] {
        [
            "DROP TABLE analytics_progress", "DROP TABLE cohort_weeks", "DROP TABLE weekly_totals",
            "DROP TABLE weekly_active_students", "DROP TABLE daily_totals", "DROP TABLE daily_answers",
            "DROP TABLE daily_active_students",
        ]
    }
}
