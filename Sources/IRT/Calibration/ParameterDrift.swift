import Foundation

/// What ``ParameterDrift`` found for one recalibrated operational item.
public struct DriftReport: Sendable, Hashable, Codable {
    /// Parameters whose move exceeds the limit, in a, b, c order; empty when nothing drifted.
    public var drifted: [ItemParameterName]
    /// Standardised moves (new − old)/SE: for a on the log scale, `(log a_new − log a_old)/SE(log a)`;
    /// for c nil when the calibration gave no SE of c (2PL). Signed, so the server can say which way.
    public var zA: Double
    public var zB: Double
    public var zC: Double?

    /// Whether any parameter drifted.
    public var hasDrifted: Bool { !drifted.isEmpty }

    enum CodingKeys: String, CodingKey {
        case drifted
        case zA = "z_a"
        case zB = "z_b"
        case zC = "z_c"
    }
}

/// Flags an operational item whose parameters, re-estimated on new data, moved more than their
/// standard errors allow, so the server sends it for review instead of silently replacing them.
///
/// Test: a parameter drifted when `|new − old| > z·SE`, with SE the new calibration's standard
/// error; a is compared on the log scale, `|log a_new − log a_old| > z·SE(a_new)/a_new` (the
/// calibrator estimates log a, whose error is nearly symmetric, while a's is skewed); c likewise
/// on its own scale when the calibration gave an SE for it (3PL). The default z = 2.58 is the
/// two-sided 1 % point of the normal: with the many items of a bank rechecked at each
/// recalibration, a 5 % test would flag one stable item in twenty every time.
///
/// Why this test: the recalibration runs with the other operational items anchored, so old and
/// new parameters are on the same scale and a difference is the item's own change (a leaked
/// item getting easier, a changed curriculum, an edited stem) plus sampling error; the SE is the
/// yardstick for that error that the calibrator already reports, and the test needs nothing else.
///
/// Limitation: the SE of the *old* parameters is usually unknown (banks store parameters, not
/// their errors), yet the difference carries both errors, `SD = √(SE_old² + SE_new²)`. Using the
/// new SE alone therefore flags stable items more often than the nominal 1 %: about 1 % when the
/// old estimate came from far more data than the new one, but about 7 % for each parameter
/// (|Z| > 2.58/√2) when both came from equally many responses. Pass `oldStandardErrors` when
/// they are known to test with the combined SD. Either way the calibrator's SEs treat the
/// anchors and latent distribution as known and so run slightly small, and a flag is a reason
/// to look at the item, not proof that it changed.
public struct ParameterDrift: Sendable, Hashable, Codable {
    /// Critical value of the standardised move (default 2.58, two-sided 1 %).
    public var z: Double

    /// Creates the test with critical value `z`.
    public init(z: Double = 2.58) {
        self.z = z
    }

    /// Compares an item's old parameters with its re-estimate and the re-estimate's SEs.
    ///
    /// A standardised move that is not a number (non-finite parameters, a zero SE with a
    /// nonzero move gives infinity) counts as drifted: anything not clearly within the limit is
    /// sent for review.
    public func check(
        old: ItemParameters, new: ItemParameters, standardErrors: ParameterErrors,
        oldStandardErrors: ParameterErrors? = nil
    ) -> DriftReport {
        var drifted: [ItemParameterName] = []
        // SE(log a) = SE(a)/a by the delta method, as the calibrator derived SE(a) from it.
        let seLogA = combined(standardErrors.a / new.a, oldStandardErrors.map { $0.a / old.a })
        let zA = standardised(log(new.a) - log(old.a), seLogA)
        if !(abs(zA) <= z) { drifted.append(.a) }
        let zB = standardised(new.b - old.b, combined(standardErrors.b, oldStandardErrors?.b))
        if !(abs(zB) <= z) { drifted.append(.b) }
        var zC: Double?
        if let seC = standardErrors.c {
            let value = standardised(new.c - old.c, combined(seC, oldStandardErrors?.c))
            if !(abs(value) <= z) { drifted.append(.c) }
            zC = value
        }
        return DriftReport(drifted: drifted, zA: zA, zB: zB, zC: zC)
    }

    /// As above for an item of a recalibration; nil unless the item was estimated (an anchored
    /// item was held at its old parameters, an insufficient one has no new ones).
    public func check(
        old: ItemParameters, recalibrated item: CalibratedItem, oldStandardErrors: ParameterErrors? = nil
    ) -> DriftReport? {
        guard case .estimated(let new, let errors, _) = item else { return nil }
        return check(old: old, new: new, standardErrors: errors, oldStandardErrors: oldStandardErrors)
    }

    private func combined(_ new: Double, _ old: Double?) -> Double {
        guard let old else { return new }
        return (new * new + old * old).squareRoot()
    }

    /// move/SE, with 0/0 = 0 (no move, no information about it) rather than NaN.
    private func standardised(_ move: Double, _ se: Double) -> Double {
        if move == 0, se == 0 { return 0 }
        return move / se
    }
}
