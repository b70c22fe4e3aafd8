extension Array {
    /// Consecutive slices of at most `size` elements, in order (the last may be shorter).
    func batches(of size: Int) -> [ArraySlice<Element>] {
        precondition(size > 0, "a batch holds at least one element")
        return stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
