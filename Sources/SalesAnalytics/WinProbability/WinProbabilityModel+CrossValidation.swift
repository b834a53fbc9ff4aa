import Foundation
import SalesData
import SalesModels
import SalesNumerics

// Out-of-fold accuracy of the win model.
extension WinProbabilityModel {
    /// Stratified k-fold cross-validation with out-of-fold probabilities.
    static func crossValidate(x: Matrix, labels: [Double], names: [String], method: Method, options: Options,
                              notes: inout [String]) throws -> CrossValidationSummary? {
        let wins = labels.reduce(0, +), losses = Double(labels.count) - wins
        let folds = min(options.folds, Int(min(wins, losses)))
        guard folds >= 2 else {
            notes.append("cross-validation skipped: a class has fewer than 2 deals")
            return nil
        }
        if folds < options.folds { notes.append("cross-validation uses \(folds) folds (the smaller class has \(folds) deals)") }
        var generator = SeededGenerator(seed: options.seed)
        let partitions: [Fold]
        do { partitions = try CrossValidation.stratifiedKFold(labels: labels, folds: folds, using: &generator) } catch {
            throw WinModelError.fit(reason: "\(error)", fold: nil)
        }
        var outOfFold = [Double](repeating: 0, count: labels.count)
        for (k, fold) in partitions.enumerated() {
            let train = rows(x, fold.train), test = rows(x, fold.test)
            var foldNotes: [String] = []
            let (model, _) = try fit(x: train, labels: fold.train.map { labels[$0] }, names: names, method: method,
                                     allowFallback: true, notes: &foldNotes, fold: k)
            let p: [Double]
            do { p = try model.predictProbabilities(test) } catch { throw WinModelError.fit(reason: "\(error)", fold: k) }
            for (i, row) in fold.test.enumerated() { outOfFold[row] = p[i] }
        }
        return try CrossValidationSummary(folds: folds, labels: labels, probabilities: outOfFold, what: "cross-validation metrics")
    }

    /// The listed rows of a matrix.
    static func rows(_ x: Matrix, _ indices: [Int]) -> Matrix {
        var out = Matrix(rows: indices.count, columns: x.columns)
        for j in 0..<x.columns {
            for (i, row) in indices.enumerated() { out[i, j] = x[row, j] }
        }
        return out
    }
}

extension WinProbabilityModel.CrossValidationSummary {
    /// AUC, log-loss, Brier score and calibration of `probabilities` against `labels` (the one place
    /// the cross-validation and the hold-out evaluation compute their metrics).
    /// - Parameters:
    ///   - folds: The folds behind the probabilities (0 for a hold-out evaluation).
    ///   - labels: 1 for won, 0 for lost.
    ///   - probabilities: The predicted P(win) per deal.
    ///   - what: The name of the metrics in the error.
    /// - Throws: `WinModelError.fit` when a metric cannot be computed.
    init(folds: Int, labels: [Double], probabilities p: [Double], what: String) throws {
        do {
            let calibration = try Calibration.report(labels: labels, probabilities: p)
            self.init(
                folds: folds, auc: try RankingMetrics.rocAUC(labels: labels, scores: p),
                logLoss: try ProbabilityMetrics.logLoss(labels: labels, probabilities: p),
                brier: try ProbabilityMetrics.brierScore(labels: labels, probabilities: p),
                calibrationIntercept: calibration.intercept, calibrationSlope: calibration.slope,
                calibrationBins: calibration.bins.map {
                    WinProbabilityModel.CalibrationBinSummary(lower: $0.lowerProbability, upper: $0.upperProbability, count: $0.count,
                                                              meanPredicted: $0.meanPredicted, observedRate: $0.observedRate)
                })
        } catch { throw WinModelError.fit(reason: "\(what): \(error)", fold: nil) }
    }
}
