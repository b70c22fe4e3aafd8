/// The score of one completed fixed form.
public struct FixedFormScore: Sendable, Hashable {
    /// EAP ability estimate: the posterior mean of θ.
    public var theta: Double
    /// Posterior SD of θ: the uncertainty to report with `theta`.
    public var posteriorSD: Double
    /// 1/√I(θ̂): the standard error from the form's test information at the EAP, what the form
    /// would deliver to an efficient unbiased estimator there (infinite if I(θ̂) = 0).
    public var standardError: Double
    /// Test information I(θ̂) at the EAP.
    public var testInformation: Double
    /// Number of correct answers.
    public var numberCorrect: Int

    /// The estimate as the server stores it: mean θ̂, variance posteriorSD².
    public var estimate: AbilityEstimate {
        AbilityEstimate(mean: theta, variance: posteriorSD * posteriorSD)
    }
}

/// Why a completed form could not be scored.
public enum FixedFormScoringError: Error, Sendable, Hashable {
    /// The form has no items.
    case emptyForm
    /// There is not exactly one response per item.
    case responseCountMismatch(items: Int, responses: Int)
    /// The item at this position has parameters outside the model's domain.
    case malformedItem(index: Int)
}

/// Scores a completed fixed form by EAP under the N(0, 1) prior (``GridPosterior``, 81 nodes over
/// ±6), blanks counted as wrong (see ``FormResponse/isCorrect``).
///
/// Why EAP rather than maximum likelihood:
/// - it is finite for every response pattern: all-correct and all-wrong have no finite MLE, and a
///   tryout always has candidates at both ends;
/// - on short forms (20–30 items) its mean squared error is lower than the MLE's, whose variance
///   grows quickly outside the range where the form is informative;
/// - it needs no iteration that can fail to converge (the 3PL likelihood can be multimodal).
/// The trade-off is shrinkage: estimates are pulled toward the population mean 0, most for
/// candidates far from it and for short forms, so a very strong candidate's θ̂ is biased low.
/// The posterior SD reports the uncertainty honestly under that prior; ``FixedFormScore/standardError``
/// (1/√I at θ̂) is the likelihood-only view to compare with it.
///
/// The prior is N(0, 1) because that is the scale on which the bank is calibrated.
public enum FixedFormScoring {
    /// Scores `responses[i]` to `items[i]`.
    public static func score(
        items: [ItemParameters], responses: [FormResponse]
    ) throws(FixedFormScoringError) -> FixedFormScore {
        guard !items.isEmpty else { throw .emptyForm }
        guard items.count == responses.count else {
            throw .responseCountMismatch(items: items.count, responses: responses.count)
        }
        if let bad = items.firstIndex(where: { !$0.isWellFormed }) { throw .malformedItem(index: bad) }
        var posterior = GridPosterior(prior: .standardPrior)
        var numberCorrect = 0
        for (item, response) in zip(items, responses) {
            posterior.update(item: item, correct: response.isCorrect)
            if response.isCorrect { numberCorrect += 1 }
        }
        let estimate = posterior.estimate
        let information = items.reduce(0) { $0 + $1.information(at: estimate.mean) }
        return FixedFormScore(
            theta: estimate.mean, posteriorSD: estimate.sd,
            standardError: information > 0 ? 1 / information.squareRoot() : .infinity,
            testInformation: information, numberCorrect: numberCorrect)
    }

    /// Scores `responses[i]` to the `i`-th item of `form` in presentation order.
    public static func score<ID>(
        _ form: AssembledForm<ID>, responses: [FormResponse]
    ) throws(FixedFormScoringError) -> FixedFormScore {
        try score(items: form.parameters, responses: responses)
    }
}
