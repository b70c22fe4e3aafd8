/// Why a fixed form could not be assembled. Every case names what the caller must change.
public enum FormAssemblyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The requested length is below 1.
    case invalidLength(Int)
    /// The candidate at this index has parameters outside the model's domain
    /// (see ``ItemParameters/isWellFormed``); a form built on it would score nonsense.
    case malformedItem(index: Int)
    /// The candidate at this index repeats an earlier candidate's id.
    case duplicateItem(index: Int)
    /// The whole pool, excluded items included, holds fewer items than the form needs.
    case poolTooSmall(available: Int, required: Int)
    /// A quota is negative, larger than the whole form, or names a sub type a second time.
    case invalidQuota(FormQuota)
    /// The explicit quotas do not add up to the form's length.
    case quotaTotalMismatch(total: Int, length: Int)
    /// A sub type has fewer items in the pool, even counting excluded ones, than its quota.
    case quotaUnfillable(subtype: String?, required: Int, available: Int)

    /// A sentence for logs and command-line output.
    public var description: String {
        switch self {
        case .invalidLength(let n): "a form needs at least one item (asked for \(n))"
        case .malformedItem(let i): "candidate \(i) has parameters outside the model's domain"
        case .duplicateItem(let i): "candidate \(i) repeats an earlier candidate's id"
        case .poolTooSmall(let available, let required):
            "the pool holds \(available) items, the form needs \(required)"
        case .invalidQuota(let q): "invalid quota \(q.count) for sub type \(q.subtype ?? "unclassified")"
        case .quotaTotalMismatch(let total, let length): "quotas add up to \(total), the form has \(length) items"
        case .quotaUnfillable(let subtype, let required, let available):
            "sub type \(subtype ?? "unclassified") needs \(required) items, the pool holds \(available)"
        }
    }
}
