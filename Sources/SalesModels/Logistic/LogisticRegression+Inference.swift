import Foundation

extension LogisticRegression {
    /// Number of estimated coefficients `p` (intercept included).
    public var parameterCount: Int { coefficients.count }

    /// Wald standard errors `√diag(covariance)`.
    public var standardErrors: [Double] { covariance.diagonal.map { $0.squareRoot() } }

    /// Wald z statistics `β/SE`.
    public var zStatistics: [Double] { zip(coefficients, standardErrors).map { $0 / $1 } }

    /// Two-sided p-values of `β = 0` from the standard normal.
    public var pValues: [Double] { zStatistics.map(InferenceDistributions.normalTwoSidedPValue) }

    /// Wald confidence intervals `β ± z·SE` on the log-odds scale.
    /// - Parameter level: The confidence level in (0, 1) (default 0.95).
    /// - Returns: One interval per coefficient (NaN bounds for a level outside (0, 1)).
    public func confidenceIntervals(level: Double = 0.95) -> [ConfidenceInterval] {
        let z = level > 0 && level < 1 ? InferenceDistributions.normalCritical(level: level) : .nan
        return zip(coefficients, standardErrors).map { ConfidenceInterval(lower: $0 - z * $1, upper: $0 + z * $1) }
    }

    /// Odds ratios `e^β` (for the intercept: the baseline odds).
    public var oddsRatios: [Double] { coefficients.map { exp($0) } }

    /// Confidence intervals of the odds ratios: the exponentiated Wald intervals.
    /// - Parameter level: The confidence level in (0, 1) (default 0.95).
    public func oddsRatioIntervals(level: Double = 0.95) -> [ConfidenceInterval] {
        confidenceIntervals(level: level).map { ConfidenceInterval(lower: exp($0.lower), upper: exp($0.upper)) }
    }

    /// The residual deviance `−2ℓ`.
    public var deviance: Double { -2 * logLikelihood }

    /// The null deviance `−2ℓ₀`.
    public var nullDeviance: Double { -2 * nullLogLikelihood }

    /// McFadden's pseudo-R² `1 − ℓ/ℓ₀` (statsmodels' `prsquared`).
    public var mcFaddenRSquared: Double { 1 - logLikelihood / nullLogLikelihood }

    /// The likelihood-ratio statistic `2(ℓ − ℓ₀)` against the null model.
    public var likelihoodRatioStatistic: Double { 2 * (logLikelihood - nullLogLikelihood) }

    /// The p-value of the likelihood-ratio test from `χ²` with `p − 1` (intercept) or `p` degrees of
    /// freedom (valid for unpenalized fits).
    public var likelihoodRatioPValue: Double {
        InferenceDistributions.chiSquaredSurvival(likelihoodRatioStatistic, df: parameterCount - (hasIntercept ? 1 : 0))
    }

    /// Akaike's information criterion `−2ℓ + 2p` (with the unpenalized ℓ, also for penalized fits).
    public var aic: Double { -2 * logLikelihood + 2 * Double(parameterCount) }

    /// Schwarz's Bayesian information criterion `−2ℓ + p·log n`.
    public var bic: Double { -2 * logLikelihood + Double(parameterCount) * log(Double(observationCount)) }
}
