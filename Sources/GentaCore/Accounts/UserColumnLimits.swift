/// Widths of the `users` text columns that identity providers fill, in code points (Unicode
/// scalars), which is how PostgreSQL's `VARCHAR(n)` counts (`PostgresSchemaV1`). SQLite keeps
/// any length, so code checks these to keep both databases alike (`DatabaseText`).
public enum UserColumnLimits {
    public static let email = 255
    public static let fullName = 255
    public static let avatarURL = 500
}
