/// What a signed-in person may do. Students practise; reviewers also curate the question bank;
/// admins also operate the platform.
public enum Role: String, CaseIterable, Codable, Sendable, Hashable {
    case student, reviewer, admin
}
