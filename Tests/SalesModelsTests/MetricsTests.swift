import Testing
import SalesModels

/// Metrics against scikit-learn 1.9 on the fixture's fixed vectors (ties included on purpose).
@Suite("Metrics vs scikit-learn")
struct MetricsTests {
    @Test func rankingAndProbabilityMetrics() throws {
        let ref = try RegressionFixtures.load().metrics
        #expect(close(try RankingMetrics.rocAUC(labels: ref.y, scores: ref.p), ref.roc_auc, 1e-12))
        #expect(close(try RankingMetrics.rocCurve(labels: ref.y, scores: ref.p).area, ref.roc_auc, 1e-12))
        #expect(close(try RankingMetrics.averagePrecision(labels: ref.y, scores: ref.p), ref.average_precision, 1e-12))
        #expect(close(try ProbabilityMetrics.logLoss(labels: ref.y, probabilities: ref.p), ref.log_loss, 1e-12))
        #expect(close(try ProbabilityMetrics.brierScore(labels: ref.y, probabilities: ref.p), ref.brier, 1e-12))
    }

    @Test func confusionMatrixAtThreshold() throws {
        let ref = try RegressionFixtures.load().metrics
        let cm = try ConfusionMatrix(labels: ref.y, scores: ref.p, threshold: ref.threshold)
        #expect(cm.trueNegatives == ref.confusion[0][0] && cm.falsePositives == ref.confusion[0][1])
        #expect(cm.falseNegatives == ref.confusion[1][0] && cm.truePositives == ref.confusion[1][1])
        #expect(close(cm.precision, ref.precision, 1e-15) && close(cm.recall, ref.recall, 1e-15))
        #expect(close(cm.f1, ref.f1, 1e-15))
    }

    /// Calibration slope/intercept vs statsmodels Logit of y on logit(p).
    @Test func calibrationMatchesStatsmodels() throws {
        let ref = try RegressionFixtures.load().metrics
        let report = try Calibration.report(labels: ref.y, probabilities: ref.p)
        #expect(close(report.slope, ref.calibration_slope) && close(report.intercept, ref.calibration_intercept))
        #expect(report.bins.count == 10 && report.bins.map(\.count).reduce(0, +) == ref.y.count)
        #expect(report.bins.allSatisfy { $0.count == 2 })
        #expect(zip(report.bins, report.bins.dropFirst()).allSatisfy { $0.meanPredicted <= $1.meanPredicted })
    }

    @Test func forecastAccuracyReportsZeroActuals() throws {
        let ref = try RegressionFixtures.load().metrics
        let accuracy = try RegressionMetrics.evaluate(actual: ref.actual, predicted: ref.forecast,
                                                      training: [100, 110, 105, 120, 130], seasonalPeriod: 1)
        #expect(close(accuracy.rSquared, ref.r2, 1e-12))
        #expect(close(accuracy.meanAbsoluteError, ref.mae, 1e-12))
        #expect(close(accuracy.rootMeanSquaredError, ref.rmse, 1e-12))
        #expect(close(try #require(accuracy.meanAbsolutePercentageError), 100 * ref.mape_nonzero, 1e-12))
        #expect(accuracy.zeroActualRows == [2, 5])
        // Hand-computed: Σ|e| = 10+5+5+20+20+3+5+10 = 78, Σ|a| = 840 → WAPE = 100·78/840.
        #expect(close(try #require(accuracy.weightedAPE), 100 * 78.0 / 840, 1e-12))
        // Two pairs with a = 0 contribute 2·|f|/|f| = 2 each (the sMAPE maximum) → ≥ 50 of 200.
        #expect(accuracy.symmetricMAPE > 50 && accuracy.symmetricMAPE <= 200)
        // Naive in-sample MAE of [100,110,105,120,130] = (10+5+15+10)/4 = 10 → MASE = 9.75/10.
        #expect(close(try #require(accuracy.meanAbsoluteScaledError), 78.0 / 8 / 10, 1e-12))
        // bias = mean(f − a) = (−10+5+5−20+20+3+5−10)/8 = −0.25.
        #expect(close(accuracy.bias, -0.25, 1e-12))
    }

    @Test func symmetricMAPEBounds() throws {
        let worst = try RegressionMetrics.evaluate(actual: [0, 5], predicted: [3, 0])
        #expect(worst.symmetricMAPE == 200)
        #expect(worst.meanAbsolutePercentageError == 100)     // only the non-zero actual (5 vs 0)
        let perfect = try RegressionMetrics.evaluate(actual: [0, 5], predicted: [0, 5])
        #expect(perfect.symmetricMAPE == 0)
    }

    @Test func tiedScoresCountOneHalf() throws {
        // One positive and one negative with the same score: AUC exactly 0.5.
        #expect(try RankingMetrics.rocAUC(labels: [1, 0], scores: [0.3, 0.3]) == 0.5)
        #expect(try RankingMetrics.rocAUC(labels: [1, 0, 1, 0], scores: [0.9, 0.1, 0.8, 0.2]) == 1)
    }

    @Test func badInputIsATypedError() {
        #expect(throws: ModelError.singleClass(label: 1)) { try RankingMetrics.rocAUC(labels: [1, 1], scores: [0.2, 0.3]) }
        #expect(throws: ModelError.invalidLabel(row: 1, value: 2)) { try RankingMetrics.rocAUC(labels: [1, 2], scores: [0.2, 0.3]) }
        #expect(throws: ModelError.self) { try ProbabilityMetrics.logLoss(labels: [1, 0], probabilities: [1.2, 0.3]) }
        #expect(throws: ModelError.nonFiniteValue(what: "predicted", row: 0, value: .infinity)) {
            try RegressionMetrics.evaluate(actual: [1], predicted: [.infinity])
        }
        #expect(throws: ModelError.self) { try RegressionMetrics.evaluate(actual: [], predicted: []) }
        #expect(throws: ModelError.self) { try RegressionMetrics.evaluate(actual: [1, 2], predicted: [1, 2], training: [3, 3, 3]) }
    }
}
