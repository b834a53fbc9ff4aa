import Foundation

/// A fitted ETS model: parameters, information criteria, in-sample fit and final states.
///
/// Produced by ``ETSModel/fit(_:seasonalPeriod:specification:options:)`` (maximum likelihood) or
/// ``ETSModel/filter(_:seasonalPeriod:specification:parameters:)`` (given parameters); forecast with
/// ``forecast(horizon:levels:simulationPaths:seed:)``.
public struct ETSFit: Sendable, Hashable {
    /// The model form.
    public var specification: ETSSpecification
    /// Seasonal period m used (1 for non-seasonal models).
    public var seasonalPeriod: Int
    /// Smoothing parameters and initial states.
    public var parameters: ETSParameters
    /// Number of observations n.
    public var count: Int
    /// Gaussian log-likelihood (concentrated over σ²; for multiplicative errors it includes
    /// −Σ log|ŷ_t|), the statsmodels `ETSModel.llf` definition.
    public var logLikelihood: Double
    /// Number of estimated quantities k: smoothing parameters, initial states (m − 1 free seasonal
    /// states, as R `forecast::ets` and statsforecast count them) and σ². statsmodels counts one
    /// more (the fixed m-th seasonal state), so its AIC is 2 higher for seasonal models.
    public var numberOfParameters: Int
    /// AIC = −2 log L + 2k.
    public var aic: Double
    /// AICc = AIC + 2k(k + 1)/(n − k − 1) (infinite when n ≤ k + 1).
    public var aicc: Double
    /// BIC = −2 log L + k log n.
    public var bic: Double
    /// Innovation variance σ² = Σe²/(n − k) (e relative for multiplicative errors), as R `forecast::ets`
    /// and statsforecast estimate it for intervals. statsmodels uses Σe²/n, which with k = m + 5
    /// parameters on a few seasons of data makes intervals visibly too narrow (measured in
    /// `ForecastCoverageTests`).
    public var sigma2: Double
    /// One-step in-sample forecasts ŷ_t.
    public var fitted: [Double]
    /// Level after the last observation.
    public var finalLevel: Double
    /// Trend after the last observation (0 without trend).
    public var finalTrend: Double
    /// Seasonal states for forecast steps 1…m, in that order (empty without season).
    public var finalSeasonal: [Double]
    /// Optimizer iterations used, summed over the starts and the final polish (0 for
    /// ``ETSModel/filter(_:seasonalPeriod:specification:parameters:)``).
    public var iterations: Int
    /// Whether the optimizer reported convergence (true for a filter with given parameters).
    public var converged: Bool

    /// In-sample residuals y − ŷ.
    /// - Parameter values: The series the model was fitted to.
    /// - Returns: One residual per observation.
    public func residuals(of values: [Double]) -> [Double] {
        zip(values, fitted).map { $0 - $1 }
    }

    /// Point forecasts for steps 1…h from the final state (zero future errors).
    /// - Parameter horizon: Number of steps h ≥ 1.
    /// - Returns: h point forecasts.
    /// - Complexity: O(h).
    public func pointForecast(horizon: Int) -> [Double] {
        var out = [Double](repeating: 0, count: max(horizon, 0))
        let phi = specification.isDamped ? parameters.phi : 1
        var damp = 0.0
        var phiPow = 1.0
        for h in 0..<out.count {
            phiPow *= phi
            damp += phiPow
            let lb = finalLevel + (specification.hasTrend ? damp * finalTrend : 0)
            switch specification.season {
            case .none: out[h] = lb
            case .additive: out[h] = lb + finalSeasonal[h % seasonalPeriod]
            case .multiplicative: out[h] = lb * finalSeasonal[h % seasonalPeriod]
            }
        }
        return out
    }
}
