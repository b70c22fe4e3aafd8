/// Version 12: operations — the record of scheduled jobs, and request ids on error logs.
///
/// `job_runs`: one row per run of a job (`genta serve`'s scheduler or `genta jobs run`) — which
/// job, which instance, when it started and finished, how it ended (`running`, `succeeded`,
/// `failed`, `interrupted` by a shutdown between batches, `skipped` is never stored), how many
/// rows it touched, a note, and the error of a failed run. It is also how several instances
/// agree that a job already ran this period.
///
/// `error_logs.request_id`: the id the caller was given with a 500, to find its row.
enum JobRunsV12 {
    static func up(_ dialect: Dialect) -> [String] {
        let uuid = dialect == .postgres ? "UUID" : "TEXT"
        let timestamp = dialect == .postgres ? "TIMESTAMPTZ" : "REAL"
        return [
            """
            CREATE TABLE job_runs (
                id \(uuid) NOT NULL PRIMARY KEY,
                job VARCHAR(50) NOT NULL,
                instance VARCHAR(100) NOT NULL,
                trigger VARCHAR(20) NOT NULL CHECK (trigger IN ('schedule', 'manual')),
                started_at \(timestamp) NOT NULL,
                finished_at \(timestamp),
                status VARCHAR(20) NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted')),
                rows_affected INTEGER CHECK (rows_affected >= 0),
                note VARCHAR(500),
                error VARCHAR(2000)
            )
            """,
            "CREATE INDEX idx_job_runs_job_started ON job_runs (job, started_at DESC)",
            "ALTER TABLE error_logs ADD COLUMN request_id VARCHAR(100)",
        ]
    }

    static func down(_ dialect: Dialect) -> [String] {
        ["ALTER TABLE error_logs DROP COLUMN request_id", "DROP TABLE job_runs"]
    }
}
