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
        do {
            let calibration = try Calibration.report(labels: labels, probabilities: outOfFold)
            return CrossValidationSummary(
                folds: folds, auc: try RankingMetrics.rocAUC(labels: labels, scores: outOfFold),
                logLoss: try ProbabilityMetrics.logLoss(labels: labels, probabilities: outOfFold),
                brier: try ProbabilityMetrics.brierScore(labels: labels, probabilities: outOfFold),
                calibrationIntercept: calibration.intercept, calibrationSlope: calibration.slope,
                calibrationBins: calibration.bins.map {
                    CalibrationBinSummary(lower: $0.lowerProbability, upper: $0.upperProbability, count: $0.count,
                                          meanPredicted: $0.meanPredicted, observedRate: $0.observedRate)
                })
        } catch { throw WinModelError.fit(reason: "cross-validation metrics: \(error)", fold: nil) }
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
