import Testing
import SalesModels

/// Logistic regression against statsmodels' Logit (Spector & Mazzeo), scikit-learn's L2
/// `LogisticRegression`, and a numpy Firth implementation cross-checked by direct maximization.
@Suite("LogisticRegression vs statsmodels and scikit-learn")
struct LogisticRegressionTests {
    @Test(arguments: ["spector", "spector-offset"])
    func maximumLikelihoodMatchesStatsmodels(name: String) throws {
        let ref = try #require(try RegressionFixtures.load().logit.first { $0.name == name })
        for solver in [LogisticRegression.Solver.newton, .lbfgs] {
            let model = try LogisticRegression.fit(features: matrix(ref.x), labels: ref.y, featureNames: ref.features,
                                                   offset: ref.offset, options: .init(solver: solver))
            #expect(model.converged && model.solverUsed == solver)
            // L-BFGS stops on a gradient tolerance: its estimates agree to about 1e-6 relative.
            let tolerance = solver == .newton ? 1e-6 : 1e-5
            for k in ref.params.indices {
                #expect(close(model.coefficients[k], ref.params[k], tolerance), "\(name) \(solver) β\(k)")
                #expect(close(model.standardErrors[k], ref.bse[k], tolerance), "\(name) \(solver) se\(k)")
                #expect(close(model.pValues[k], ref.pvalues[k], tolerance * 10), "\(name) \(solver) p\(k)")
            }
            #expect(close(model.logLikelihood, ref.llf, tolerance))
            #expect(close(model.nullLogLikelihood, ref.llnull, tolerance))
            #expect(close(model.mcFaddenRSquared, ref.prsquared, tolerance))
            #expect(close(model.aic, ref.aic, tolerance) && close(model.bic, ref.bic, tolerance))
            let intervals = model.confidenceIntervals()
            for k in ref.conf_int95.indices {
                #expect(close(intervals[k].lower, ref.conf_int95[k][0], tolerance * 10))
                #expect(close(intervals[k].upper, ref.conf_int95[k][1], tolerance * 10))
            }
        }
    }

    @Test func derivedQuantitiesAreConsistent() throws {
        let ref = try #require(try RegressionFixtures.load().logit.first { $0.name == "spector" })
        let model = try LogisticRegression.fit(features: matrix(ref.x), labels: ref.y, featureNames: ref.features)
        for k in model.coefficients.indices { #expect(abs(model.oddsRatios[k] - Foundation.exp(model.coefficients[k])) < 1e-12) }
        #expect(abs(model.deviance - -2 * ref.llf) < 1e-6)
        let probabilities = try model.predictProbabilities(matrix(ref.x))
        for i in probabilities.indices { #expect(abs(probabilities[i] - model.fittedProbabilities[i]) < 1e-14) }
        #expect(model.iterations < 15)
        for name in model.termNames { #expect(model.summary.contains(name)) }
        #expect(model.summary.contains("odds ratio") && model.summary.contains("converged"))
    }

    @Test(arguments: ["spector-l2", "spector-l2-classweight"])
    func l2MatchesScikitLearn(name: String) throws {
        let ref = try #require(try RegressionFixtures.load().sklearn_l2.first { $0.name == name })
        let classWeights = ref.class_weight.map {
            LogisticRegression.ClassWeights(negative: $0["0"] ?? 1, positive: $0["1"] ?? 1)
        }
        for solver in [LogisticRegression.Solver.newton, .lbfgs] {
            let model = try LogisticRegression.fit(
                features: matrix(ref.x), labels: ref.y,
                options: .init(l2Penalty: ref.lambda, classWeights: classWeights, solver: solver))
            // scikit-learn's lbfgs stops at tol = 1e-12 on its own gradient scale: 1e-6 relative.
            #expect(close(model.coefficients[0], ref.intercept, 1e-6), "\(name) \(solver) intercept")
            for k in ref.coef.indices {
                #expect(close(model.coefficients[k + 1], ref.coef[k], 1e-6), "\(name) \(solver) β\(k + 1)")
            }
        }
    }

    /// Firth on quasi-separated data vs the fixture's numpy modified-score Newton, which the script
    /// checks against a direct BFGS maximization of the penalized likelihood.
    @Test func firthMatchesIndependentImplementation() throws {
        let ref = try #require(try RegressionFixtures.load().firth.first)
        #expect(throws: ModelError.separation(complete: false, features: ["flag"])) {
            try LogisticRegression.fit(features: matrix(ref.x), labels: ref.y, featureNames: ref.features)
        }
        let model = try LogisticRegression.fit(features: matrix(ref.x), labels: ref.y, featureNames: ref.features,
                                               options: .init(firth: true))
        #expect(model.converged)
        for k in ref.params.indices {
            #expect(close(model.coefficients[k], ref.params[k]), "β\(k)")
            #expect(close(model.standardErrors[k], ref.bse[k]), "se\(k)")
        }
        #expect(close(try #require(model.penalizedLogLikelihood), ref.penalized_loglik))
        #expect(model.separation?.complete == false && model.separation?.features == ["flag"])
    }

    @Test func completeSeparationBySingleFeatureIsNamed() throws {
        let x: [[Double]] = [[1, 0.3], [2, -0.1], [3, 0.8], [4, 0.2], [5, -0.5], [6, 0.9]]
        let y: [Double] = [0, 0, 0, 1, 1, 1]
        #expect(throws: ModelError.separation(complete: true, features: ["days"])) {
            try LogisticRegression.fit(features: matrix(x), labels: y, featureNames: ["days", "noise"])
        }
        // With an L2 penalty the fit exists and reports the separation.
        let penalized = try LogisticRegression.fit(features: matrix(x), labels: y, featureNames: ["days", "noise"],
                                                   options: .init(l2Penalty: 1))
        #expect(penalized.separation?.features == ["days"])
    }

    /// a + b separates the classes (y = 1 exactly when a + b > 0) but neither feature alone does:
    /// only the divergence certificate can find it, and it must name both.
    @Test func multivariateSeparationIsFoundByCertificate() throws {
        let rows: [[Double]] = [[1, 1], [2, -1], [-1, 2], [3, -2.5], [-2, 2.5], [0.5, 0.2],
                                [-1, -1], [-2, 1], [1, -2], [-3, 2.5], [2, -2.5], [-0.5, -0.2]]
        let y = rows.map { $0[0] + $0[1] > 0 ? 1.0 : 0.0 }
        do {
            _ = try LogisticRegression.fit(features: matrix(rows), labels: y, featureNames: ["a", "b"])
            Issue.record("separated data accepted")
        } catch let ModelError.separation(complete, features) {
            #expect(complete)
            #expect(features == ["a", "b"])
        }
    }
}

import Foundation
