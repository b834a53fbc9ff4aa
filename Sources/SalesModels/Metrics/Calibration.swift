import Foundation
import SalesNumerics

/// One bin of a calibration table.
public struct CalibrationBin: Sendable, Equatable {
    /// Smallest predicted probability in the bin.
    public var lowerProbability: Double
    /// Largest predicted probability in the bin.
    public var upperProbability: Double
    /// Number of observations.
    public var count: Int
    /// Mean predicted probability.
    public var meanPredicted: Double
    /// Observed share of positives.
    public var observedRate: Double
}

/// How well predicted probabilities match observed frequencies.
public struct CalibrationReport: Sendable, Equatable {
    /// Quantile bins of the predicted probability (deciles by default), lowest first.
    public var bins: [CalibrationBin]
    /// The intercept `a` of the logistic recalibration `logit P(y = 1) = a + b·logit(p)`
    /// (0 for a perfectly calibrated model).
    public var intercept: Double
    /// The slope `b` of the recalibration (1 when calibrated; below 1: predictions too extreme,
    /// the usual sign of overfitting; above 1: too timid).
    public var slope: Double
}

/// Calibration of predicted probabilities.
public enum Calibration {
    /// Probabilities are clipped to `[1e-12, 1 − 1e-12]` before taking `logit(p)`.
    public static let logitClip = 1e-12

    /// A calibration table by quantile bins and the logistic recalibration slope and intercept
    /// (Cox 1958), fitted by `LogisticRegression` on `logit(p)`.
    ///
    /// - Parameters:
    ///   - labels: 0/1 labels.
    ///   - probabilities: Predicted probabilities in [0, 1].
    ///   - bins: Number of quantile bins (default 10: deciles); rows are sorted by probability and
    ///     cut into bins whose sizes differ by at most one (tied probabilities may straddle a cut).
    /// - Returns: The table, slope and intercept.
    /// - Throws: `ModelError` for invalid input (as `ProbabilityMetrics.logLoss`), `.singleClass`,
    ///   `.invalidParameter` for `bins` outside 1…n, and `.separation` when `logit(p)` separates the
    ///   classes perfectly (the recalibration slope is then infinite).
    /// - Complexity: O(n log n) plus a 2-parameter logistic fit.
    public static func report(labels: [Double], probabilities: [Double], bins: Int = 10) throws -> CalibrationReport {
        try MetricInput.binary(labels: labels, scores: probabilities, scoreName: "probability", context: "Calibration")
        try MetricInput.probabilities(probabilities)
        let n = labels.count
        guard bins >= 1, bins <= n else {
            throw ModelError.invalidParameter(name: "bins", value: Double(bins), reason: "must be between 1 and the row count \(n)")
        }
        let order = probabilities.indices.sorted { probabilities[$0] < probabilities[$1] }
        var table: [CalibrationBin] = []
        for b in 0..<bins {
            let range = (b * n / bins)..<((b + 1) * n / bins)
            guard !range.isEmpty else { continue }
            let members = order[range]
            let predicted = members.map { probabilities[$0] }
            let positives = members.reduce(0.0) { $0 + labels[$1] }
            table.append(CalibrationBin(
                lowerProbability: predicted.first ?? 0, upperProbability: predicted.last ?? 0, count: members.count,
                meanPredicted: predicted.reduce(0, +) / Double(members.count),
                observedRate: positives / Double(members.count)))
        }
        let logits = probabilities.map { p -> Double in
            let clipped = min(max(p, logitClip), 1 - logitClip)
            return log(clipped / (1 - clipped))
        }
        let model = try LogisticRegression.fit(
            features: Matrix(rows: n, columns: 1, columnMajor: logits), labels: labels, featureNames: ["logit(p)"])
        return CalibrationReport(bins: table, intercept: model.coefficients[0], slope: model.coefficients[1])
    }
}
