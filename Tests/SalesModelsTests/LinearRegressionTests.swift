import Testing
import SalesModels
import SalesNumerics

/// OLS, WLS and ridge against statsmodels 0.15 and scikit-learn 1.9 (fixture script next to the
/// JSON). Tolerance 1e-6 relative: both sides are accurate to far better on these well-posed
/// fits, and the peers print their own rounding of the t/F tails near 1e-7 relative at worst.
@Suite("LinearRegression vs statsmodels")
struct LinearRegressionTests {
    @Test(arguments: ["longley", "ccard"])
    func olsMatchesStatsmodels(name: String) throws {
        let fixtures = try RegressionFixtures.load()
        let ref = try #require(fixtures.ols.first { $0.name == name })
        let model = try LinearRegression.fit(features: matrix(ref.x), response: ref.y, featureNames: ref.features)
        #expect(model.termNames == ["(Intercept)"] + ref.features)
        let check: [(String, [Double], [Double])] = [
            ("params", model.coefficients, ref.params),
            ("bse", model.standardErrors, ref.bse),
            ("t", model.tStatistics, ref.tvalues),
            ("HC0", try model.robustStandardErrors(.hc0), ref.HC0),
            ("HC1", try model.robustStandardErrors(.hc1), ref.HC1),
            ("HC2", try model.robustStandardErrors(.hc2), ref.HC2),
            ("HC3", try model.robustStandardErrors(.hc3), ref.HC3),
        ]
        for (label, ours, theirs) in check {
            for k in theirs.indices { #expect(close(ours[k], theirs[k]), "\(name) \(label)[\(k)]: \(ours[k]) vs \(theirs[k])") }
        }
        for k in ref.pvalues.indices {
            #expect(close(model.pValues[k], ref.pvalues[k], floor: 1e-10), "\(name) p[\(k)]")
        }
        let intervals = model.confidenceIntervals(level: 0.95)
        for k in ref.conf_int95.indices {
            #expect(close(intervals[k].lower, ref.conf_int95[k][0]) && close(intervals[k].upper, ref.conf_int95[k][1]))
        }
        #expect(close(model.fStatistic, ref.fvalue))
        #expect(close(model.fPValue, ref.f_pvalue, floor: 1e-12))
        #expect(close(model.logLikelihood, ref.llf))
        #expect(close(model.aic, ref.aic) && close(model.bic, ref.bic))
        #expect(close(model.rSquared, ref.rsquared) && close(model.adjustedRSquared, ref.rsquared_adj))
        #expect(close(model.residualVariance, ref.scale))
        // statsmodels' condition number comes from numpy's eigvalsh of XᵀX (κ² of up to 1e18 for
        // Longley's raw design); eigenvalue solvers agree to about 1e-4 on the smallest one there.
        #expect(close(model.conditionNumber, ref.condition_number, 1e-4))
    }

    @Test(arguments: ["longley", "ccard"])
    func predictionIntervalsMatchStatsmodels(name: String) throws {
        let ref = try #require(try RegressionFixtures.load().ols.first { $0.name == name })
        let model = try LinearRegression.fit(features: matrix(ref.x), response: ref.y, featureNames: ref.features)
        let predictions = try model.predict(matrix(Array(ref.x.prefix(3))), level: 0.95)
        for i in 0..<3 {
            #expect(close(predictions[i].mean, ref.predict.mean[i]))
            #expect(close(predictions[i].confidenceInterval.lower, ref.predict.mean_ci_lower[i]))
            #expect(close(predictions[i].confidenceInterval.upper, ref.predict.mean_ci_upper[i]))
            #expect(close(predictions[i].predictionInterval.lower, ref.predict.obs_ci_lower[i]))
            #expect(close(predictions[i].predictionInterval.upper, ref.predict.obs_ci_upper[i]))
        }
        #expect(throws: ModelError.self) { try model.predict(Matrix(rows: 1, columns: 2)) }
    }

    @Test func normalEquationsAndAutomaticAgreeWithQR() throws {
        let ref = try #require(try RegressionFixtures.load().ols.first { $0.name == "ccard" })
        let qr = try LinearRegression.fit(features: matrix(ref.x), response: ref.y)
        for method in [LeastSquares.Method.normalEquations, .automatic] {
            let other = try LinearRegression.fit(features: matrix(ref.x), response: ref.y, options: .init(method: method))
            for k in ref.params.indices { #expect(close(other.coefficients[k], qr.coefficients[k], 1e-9)) }
        }
    }

    @Test func weightedLeastSquaresMatchesStatsmodelsWLS() throws {
        let ref = try #require(try RegressionFixtures.load().wls.first)
        let model = try LinearRegression.fit(features: matrix(ref.x), response: ref.y, featureNames: ref.features,
                                             weights: ref.weights)
        for k in ref.params.indices {
            #expect(close(model.coefficients[k], ref.params[k]))
            #expect(close(model.standardErrors[k], ref.bse[k]))
            #expect(close(try model.robustStandardErrors(.hc0)[k], ref.HC0[k]))
            #expect(close(try model.robustStandardErrors(.hc3)[k], ref.HC3[k]))
        }
        #expect(close(model.logLikelihood, ref.llf) && close(model.aic, ref.aic))
        #expect(close(model.rSquared, ref.rsquared) && close(model.fStatistic, ref.fvalue))
    }

    @Test func ridgeMatchesScikitLearn() throws {
        let ref = try #require(try RegressionFixtures.load().ridge.first)
        let model = try LinearRegression.fit(features: matrix(ref.x), response: ref.y, featureNames: ref.features,
                                             options: .init(ridgePenalty: ref.lambda))
        #expect(close(model.coefficients[0], ref.intercept))
        for k in ref.coef.indices { #expect(close(model.coefficients[k + 1], ref.coef[k]), "β\(k + 1)") }
        #expect(model.standardErrors.allSatisfy { $0 > 0 && $0.isFinite })
    }

    /// As λ → 0 the ridge fit and its sandwich covariance tend to OLS (λ = 1e-9 against
    /// coefficients of order 1e2 moves them by about 1e-9 relative).
    @Test func ridgeTendsToOLS() throws {
        let ref = try #require(try RegressionFixtures.load().ols.first { $0.name == "ccard" })
        let ridge = try LinearRegression.fit(features: matrix(ref.x), response: ref.y, options: .init(ridgePenalty: 1e-9))
        for k in ref.params.indices {
            #expect(close(ridge.coefficients[k], ref.params[k], 1e-6))
            #expect(close(ridge.standardErrors[k], ref.bse[k], 1e-6))
        }
    }

    @Test func noInterceptUsesUncentredRSquared() throws {
        // y = 2x exactly plus a small residual; R² about zero: 1 − RSS/Σy².
        let x: [[Double]] = [[1], [2], [3], [4]]
        let y: [Double] = [2.1, 3.9, 6.2, 7.8]
        let model = try LinearRegression.fit(features: matrix(x), response: y, options: .init(intercept: false))
        let beta = (2.1 + 7.8 + 18.6 + 31.2) / 30           // Σxy/Σx² = 59.7/30
        #expect(abs(model.coefficients[0] - beta) < 1e-14)
        let rss = zip(x, y).reduce(0.0) { $0 + ($1.1 - beta * $1.0[0]) * ($1.1 - beta * $1.0[0]) }
        #expect(abs(model.rSquared - (1 - rss / y.reduce(0) { $0 + $1 * $1 })) < 1e-14)
    }

    @Test func summaryListsEveryTerm() throws {
        let ref = try #require(try RegressionFixtures.load().ols.first { $0.name == "longley" })
        let model = try LinearRegression.fit(features: matrix(ref.x), response: ref.y, featureNames: ref.features)
        let text = model.summary
        for name in model.termNames { #expect(text.contains(name)) }
        #expect(text.contains("R²") && text.contains("AIC"))
    }
}
