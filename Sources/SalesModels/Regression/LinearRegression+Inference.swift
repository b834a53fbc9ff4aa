import Foundation
import SalesNumerics

/// Heteroscedasticity-consistent ("robust", sandwich) covariance estimators (MacKinnon & White
/// 1985), with `statsmodels`' names.
public enum RobustCovariance: String, Sendable, CaseIterable {
    /// White's estimator: `B·XᵀΩX·B` with `Ω = diag(eᵢ²)`.
    case hc0 = "HC0"
    /// HC0 scaled by `n/(n − p)`.
    case hc1 = "HC1"
    /// `Ω = diag(eᵢ²/(1 − hᵢ))` with the leverages `hᵢ`.
    case hc2 = "HC2"
    /// `Ω = diag(eᵢ²/(1 − hᵢ)²)`, the jackknife-like estimator recommended for small samples.
    case hc3 = "HC3"
}

/// A two-sided confidence interval.
public struct ConfidenceInterval: Sendable, Equatable {
    /// Lower bound.
    public var lower: Double
    /// Upper bound.
    public var upper: Double
}

extension LinearRegression {
    /// Number of estimated coefficients `p` (intercept included).
    public var parameterCount: Int { coefficients.count }

    /// Residual degrees of freedom `n − p`.
    public var residualDegreesOfFreedom: Int { observationCount - parameterCount }

    /// Model degrees of freedom `p − 1` with an intercept, `p` without.
    public var modelDegreesOfFreedom: Int { parameterCount - (design.hasIntercept ? 1 : 0) }

    /// The residual variance estimate `σ̂² = RSS / (n − p)` (NaN when `n == p`).
    public var residualVariance: Double {
        residualDegreesOfFreedom > 0 ? residualSumOfSquares / Double(residualDegreesOfFreedom) : .nan
    }

    /// The residual standard deviation `σ̂`.
    public var residualStandardDeviation: Double { residualVariance.squareRoot() }

    /// The classical covariance of the coefficients, `σ̂²(XᵀWX)⁻¹`; with a ridge penalty the
    /// sandwich `σ̂²·A⁻¹XᵀWXA⁻¹` (`A = XᵀWX + Λ`), which treats `λ` as fixed (inference for ridge
    /// is approximate: the estimator is biased).
    /// - Complexity: O(p²) (computed at fit time, scaled here).
    public var covariance: Matrix {
        var result = unscaledCovariance
        for k in result.storage.indices { result.storage[k] *= residualVariance }
        return result
    }

    /// Standard errors `√diag(covariance)`.
    public var standardErrors: [Double] { covariance.diagonal.map { $0.squareRoot() } }

    /// The t statistics `β/SE`.
    public var tStatistics: [Double] { zip(coefficients, standardErrors).map { $0 / $1 } }

    /// Two-sided p-values of `β = 0` from Student's t with `n − p` degrees of freedom.
    public var pValues: [Double] {
        tStatistics.map { InferenceDistributions.tTwoSidedPValue($0, df: residualDegreesOfFreedom) }
    }

    /// Confidence intervals `β ± t_{n−p}·SE`.
    /// - Parameter level: The confidence level in (0, 1) (default 0.95).
    /// - Returns: One interval per coefficient (NaN bounds for a level outside (0, 1)).
    public func confidenceIntervals(level: Double = 0.95) -> [ConfidenceInterval] {
        let t = level > 0 && level < 1 ? InferenceDistributions.tCritical(level: level, df: residualDegreesOfFreedom) : .nan
        return zip(coefficients, standardErrors).map { ConfidenceInterval(lower: $0 - t * $1, upper: $0 + t * $1) }
    }

    /// R² `= 1 − RSS/TSS` (centred with an intercept, uncentred without; NaN when TSS = 0).
    public var rSquared: Double { totalSumOfSquares > 0 ? 1 - residualSumOfSquares / totalSumOfSquares : .nan }

    /// Adjusted R² `= 1 − (1 − R²)(n − c)/(n − p)` with `c = 1` for an intercept, 0 without.
    public var adjustedRSquared: Double {
        let c = design.hasIntercept ? 1 : 0
        return 1 - (1 - rSquared) * Double(observationCount - c) / Double(residualDegreesOfFreedom)
    }

    /// The overall F statistic `((TSS − RSS)/df_model) / (RSS/df_resid)` (NaN with no feature).
    public var fStatistic: Double {
        guard modelDegreesOfFreedom > 0 else { return .nan }
        return ((totalSumOfSquares - residualSumOfSquares) / Double(modelDegreesOfFreedom)) / residualVariance
    }

    /// The p-value of the F statistic from `F(df_model, df_resid)`.
    public var fPValue: Double {
        InferenceDistributions.fSurvival(fStatistic, d1: modelDegreesOfFreedom, d2: residualDegreesOfFreedom)
    }

    /// The Gaussian log-likelihood at the estimate with `σ² = RSS/n`:
    /// `−n/2·(log(2π·RSS/n) + 1) + ½Σ log wᵢ` (the last term for weighted fits, as statsmodels' WLS).
    public var logLikelihood: Double {
        let n = Double(observationCount)
        var value = -n / 2 * (log(2 * Double.pi * residualSumOfSquares / n) + 1)
        if let weights = design.weights {
            for w in weights where w > 0 { value += 0.5 * log(w) }
        }
        return value
    }

    /// Akaike's information criterion `−2·logL + 2p` (statsmodels' convention: σ² not counted).
    public var aic: Double { -2 * logLikelihood + 2 * Double(parameterCount) }

    /// Schwarz's Bayesian information criterion `−2·logL + p·log n`.
    public var bic: Double { -2 * logLikelihood + Double(parameterCount) * log(Double(observationCount)) }

    /// The leverages `hᵢ = wᵢ·xᵢᵀ B xᵢ`, the diagonal of the hat matrix (with a ridge penalty, of
    /// the ridge smoother).
    /// - Complexity: O(n·p²) (one `dgemm`).
    public func leverages() throws -> [Double] {
        let x = design.matrix
        let xb = try x.multiplied(by: bread)
        let n = x.rows, p = x.columns
        var h = [Double](repeating: 0, count: n)
        for j in 0..<p {
            let base = j * n
            for i in 0..<n { h[i] += x.storage[base + i] * xb.storage[base + i] }
        }
        if let weights = design.weights { for i in 0..<n { h[i] *= weights[i] } }
        return h
    }

    /// Heteroscedasticity-consistent standard errors.
    ///
    /// - Parameter kind: HC0–HC3 (see `RobustCovariance`).
    /// - Returns: One standard error per coefficient, equal to statsmodels' `HCk_se` (tests: 1e-6).
    /// - Throws: `ModelError.numerical` only if a BLAS dimension overflows.
    /// - Complexity: O(n·p²).
    public func robustStandardErrors(_ kind: RobustCovariance) throws -> [Double] {
        try robustCovariance(kind).diagonal.map { $0.squareRoot() }
    }

    /// The heteroscedasticity-consistent covariance `B·Xᵀ√W Ω √WX·B` of the coefficients.
    ///
    /// - Parameter kind: HC0–HC3.
    /// - Returns: The `p × p` covariance.
    /// - Throws: `ModelError.numerical` only if a BLAS dimension overflows.
    /// - Complexity: O(n·p²).
    public func robustCovariance(_ kind: RobustCovariance) throws -> Matrix {
        do {
            let n = design.rows
            let h: [Double] = (kind == .hc2 || kind == .hc3) ? try leverages() : []
            let e = residuals   // computed once (see `residuals`)
            var scale = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let w = design.weights?[i] ?? 1
                let e2 = w * e[i] * e[i]
                switch kind {
                case .hc0, .hc1: scale[i] = e2
                case .hc2: scale[i] = h[i] < 1 ? e2 / (1 - h[i]) : 0
                case .hc3: scale[i] = h[i] < 1 ? e2 / ((1 - h[i]) * (1 - h[i])) : 0
                }
                scale[i] = (w * scale[i]).squareRoot()
            }
            // meat = Xᵀ·diag(w·ω)·X via dsyrk on rows scaled by √(w·ω).
            let meat = try LinearRegression.scaledRows(design.matrix, by: scale).gram()   // one n × p copy
            var result = try bread.multiplied(by: meat).multiplied(by: bread)
            if kind == .hc1 {
                let factor = Double(observationCount) / Double(residualDegreesOfFreedom)
                for k in result.storage.indices { result.storage[k] *= factor }
            }
            return result
        } catch let error as LinearAlgebraError {
            throw ModelError.numerical(error)
        }
    }
}
