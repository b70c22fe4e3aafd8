import Foundation

/// The two file formats the content team imports and exports: CSV (a spreadsheet's) and JSON
/// Lines (one object per line). docs/CONTENT.md describes both.
public enum QuestionFileFormat: String, Sendable, CaseIterable {
    case csv
    case jsonl

    /// The format a file name or a content type names; nil when neither does.
    public static func of(fileName: String?, contentType: String?) -> QuestionFileFormat? {
        let type = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        switch type {
        case "text/csv": return .csv
        case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines": return .jsonl
        default: break
        }
        switch fileName.map({ URL(fileURLWithPath: $0).pathExtension.lowercased() }) {
        case "csv": return .csv
        case "jsonl", "ndjson": return .jsonl
        default: return nil
        }
    }

    public var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .jsonl: "application/x-ndjson"
        }
    }
}
