/// Tunable rules of tryouts, from configuration.
public struct TryoutSettings: Sendable {
    /// The exam a new tryout event rehearses (copied into the event when it is assembled).
    public var exam: ExamStructure
    /// Tryouts a free account may start per calendar month (WIB).
    public var freeMonthlySittings: Int
    /// Tryouts a premium account may start per calendar month.
    public var premiumMonthlySittings: Int
    /// Percentiles are shown once this many students have finished the same event; below it a
    /// rank says more about who happened to sit than about the student.
    public var minimumSittersForPercentile: Int

    public init(
        exam: ExamStructure = .utbk2025, freeMonthlySittings: Int = 2, premiumMonthlySittings: Int = 20,
        minimumSittersForPercentile: Int = 30
    ) {
        self.exam = exam
        self.freeMonthlySittings = max(freeMonthlySittings, 0)
        self.premiumMonthlySittings = max(premiumMonthlySittings, 0)
        self.minimumSittersForPercentile = max(minimumSittersForPercentile, 1)
    }

    public func monthlySittings(for tier: SubscriptionTier) -> Int {
        tier == .free ? freeMonthlySittings : premiumMonthlySittings
    }
}
