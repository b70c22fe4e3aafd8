import Foundation

/// How well a calibration recovered known item parameters.
public struct CalibrationRecoveryResult: Sendable, Hashable, Codable {
    /// Model fitted.
    public var model: IRTModel
    /// Bank size.
    public var items: Int
    /// Number of simulees (persons).
    public var examinees: Int
    /// Number of responses.
    public var responses: Int
    /// Items included in the error summaries (estimated, with ≥ `reportMinimumResponses`).
    public var itemsEvaluated: Int
    /// Items reported as insufficient data.
    public var insufficientItems: Int
    /// Minimum responses for an item to enter the error summaries.
    public var reportMinimumResponses: Int
    /// RMSE of a, b and (3PL) c over evaluated items.
    public var rmseA: Double
    public var rmseB: Double
    public var rmseC: Double?
    /// Mean (b̂ − b) over evaluated items.
    public var biasB: Double
    /// Mean standard error of b over evaluated items.
    public var meanSEB: Double
    /// EM iterations, convergence flag and final parameter change.
    public var iterations: Int
    public var converged: Bool
    public var finalChange: Double
    /// Seconds spent in calibration (not in reading or generating data).
    public var seconds: Double

    enum CodingKeys: String, CodingKey {
        case model, items, examinees, responses, iterations, converged, seconds
        case itemsEvaluated = "items_evaluated"
        case insufficientItems = "insufficient_items"
        case reportMinimumResponses = "report_min_responses"
        case rmseA = "rmse_a"
        case rmseB = "rmse_b"
        case rmseC = "rmse_c"
        case biasB = "bias_b"
        case meanSEB = "mean_se_b"
        case finalChange = "final_change"
    }
}

/// Calibrates simulated data and compares the estimates with the generating parameters.
public enum CalibrationRecovery {
    /// Runs ``MMLCalibrator`` on `data` and scores it against `trueBank`.
    ///
    /// Only estimated items with at least `reportMinimumResponses` responses enter the RMSE and
    /// bias (anchors and insufficient items are excluded).
    public static func run<C: Clock>(
        trueBank: [ItemParameters], data: ResponseData, options: CalibrationOptions,
        reportMinimumResponses: Int = 0, clock: C = ContinuousClock()
    ) -> (CalibrationRecoveryResult, CalibrationResult) where C.Duration == Duration {
        let (result, seconds) = measureSeconds(on: clock) { MMLCalibrator.calibrate(data, options: options) }
        var sa = 0.0, sb = 0.0, sc = 0.0, bias = 0.0, seB = 0.0
        var evaluated = 0
        for (i, item) in result.items.enumerated() where i < trueBank.count {
            guard case .estimated(let p, let se, let n) = item, n >= reportMinimumResponses else { continue }
            let t = trueBank[i]
            sa += (p.a - t.a) * (p.a - t.a)
            sb += (p.b - t.b) * (p.b - t.b)
            sc += (p.c - t.c) * (p.c - t.c)
            bias += p.b - t.b
            seB += se.b
            evaluated += 1
        }
        let n = Double(max(evaluated, 1))
        let insufficient = result.items.filter { if case .insufficientData = $0 { true } else { false } }.count
        let summary = CalibrationRecoveryResult(
            model: options.model, items: data.itemCount, examinees: data.personCount,
            responses: data.responseCount, itemsEvaluated: evaluated, insufficientItems: insufficient,
            reportMinimumResponses: reportMinimumResponses,
            rmseA: (sa / n).squareRoot(), rmseB: (sb / n).squareRoot(),
            rmseC: options.model == .threePL ? (sc / n).squareRoot() : nil,
            biasB: bias / n, meanSEB: seB / n,
            iterations: result.iterations, converged: result.converged, finalChange: result.finalChange,
            seconds: seconds)
        return (summary, result)
    }
}
