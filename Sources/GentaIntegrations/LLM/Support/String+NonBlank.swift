import Foundation

extension String {
    /// Trimmed, or nil when blank: the bank stores empty strings as well as NULLs for "none".
    var nonBlank: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}

extension Optional where Wrapped == String {
    /// Trimmed, or nil when nil or blank.
    var nonBlank: String? { self?.nonBlank }
}
