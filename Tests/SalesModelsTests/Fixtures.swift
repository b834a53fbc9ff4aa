import SalesTestSupport
import Foundation
import SalesModels
import SalesNumerics

/// The peers' reference values of `Fixtures/regression_fixtures.json` (made by
/// `regression_fixtures.py` next to it: statsmodels, scikit-learn, numpy).
struct RegressionFixtures: Decodable {
    struct OLS: Decodable {
        struct Predictions: Decodable {
            let mean, mean_ci_lower, mean_ci_upper, obs_ci_lower, obs_ci_upper: [Double]
        }
        let name: String
        let features: [String]
        let x: [[Double]]
        let y: [Double]
        let params, bse, HC0, HC1, HC2, HC3, tvalues, pvalues: [Double]
        let conf_int95: [[Double]]
        let fvalue, f_pvalue, aic, bic, llf, rsquared, rsquared_adj, scale, condition_number: Double
        let predict: Predictions
    }
    struct WLS: Decodable {
        let name: String
        let features: [String]
        let x: [[Double]]
        let y, weights, params, bse, HC0, HC3: [Double]
        let llf, aic, rsquared, fvalue: Double
    }
    struct Ridge: Decodable {
        let name: String
        let features: [String]
        let x: [[Double]]
        let y: [Double]
        let lambda, intercept: Double
        let coef: [Double]
    }
    struct Logit: Decodable {
        let name: String
        let features: [String]
        let x: [[Double]]
        let y: [Double]
        let offset: [Double]?
        let params, bse, pvalues: [Double]
        let conf_int95: [[Double]]
        let llf, llnull, prsquared, aic, bic: Double
    }
    struct SklearnL2: Decodable {
        let name: String
        let x: [[Double]]
        let y: [Double]
        let lambda: Double
        let class_weight: [String: Double]?
        let intercept: Double
        let coef: [Double]
    }
    struct Firth: Decodable {
        let name: String
        let features: [String]
        let x: [[Double]]
        let y, params, bse: [Double]
        let penalized_loglik: Double
    }
    struct Metrics: Decodable {
        let y, p: [Double]
        let roc_auc, average_precision, log_loss, brier, threshold: Double
        let confusion: [[Int]]
        let precision, recall, f1, calibration_intercept, calibration_slope: Double
        let actual, forecast: [Double]
        let r2, mae, rmse, mape_nonzero: Double
    }
    let ols: [OLS]
    let wls: [WLS]
    let ridge: [Ridge]
    let logit: [Logit]
    let sklearn_l2: [SklearnL2]
    let firth: [Firth]
    let metrics: Metrics

    static func load() throws -> RegressionFixtures {
        try fixtures.decode(RegressionFixtures.self, "regression_fixtures.json")
    }
}

/// `|a − b| ≤ tolerance·max(|b|, floor)`: relative agreement, with an absolute floor for values
/// near zero (a p-value of 1e-12 need not agree in relative terms).
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-6, floor: Double = 1e-300) -> Bool {
    abs(a - b) <= tolerance * max(abs(b), floor)
}

func matrix(_ rows: [[Double]]) throws -> Matrix { try Matrix(rowArrays: rows) }

/// This target's reference files (Tests/SalesModelsTests/Fixtures, written by the scripts next to them).
let fixtures = FixtureDirectory("SalesModelsTests")
