import Foundation

/// Proper scoring rules for predicted probabilities of the positive class.
public enum ProbabilityMetrics {
    /// The clipping bound of `logLoss`: probabilities are clipped to `[1e-15, 1 − 1e-15]` so a
    /// confident mistake costs about 34.5 nats instead of infinity.
    public static let logLossClip = 1e-15

    /// Mean log-loss (binary cross-entropy), `−(1/n) Σ [y log p + (1 − y) log(1 − p)]`, in nats.
    ///
    /// - Parameters:
    ///   - labels: 0/1 labels.
    ///   - probabilities: Predicted probabilities of label 1, in [0, 1].
    /// - Returns: The mean log-loss (≥ 0).
    /// - Throws: `ModelError.emptyInput`, `.dimensionMismatch`, `.invalidLabel`, `.nonFiniteValue`,
    ///   `.invalidParameter` for a probability outside [0, 1].
    /// - Complexity: O(n).
    public static func logLoss(labels: [Double], probabilities: [Double]) throws -> Double {
        try MetricInput.binary(labels: labels, scores: probabilities, scoreName: "probability", context: "logLoss")
        try MetricInput.probabilities(probabilities)
        var sum = 0.0
        for (y, p) in zip(labels, probabilities) {
            let clipped = min(max(p, logLossClip), 1 - logLossClip)
            sum -= y == 1 ? log(clipped) : log1p(-clipped)
        }
        return sum / Double(labels.count)
    }

    /// The Brier score, `(1/n) Σ (p − y)²`.
    ///
    /// - Parameters:
    ///   - labels: 0/1 labels.
    ///   - probabilities: Predicted probabilities of label 1, in [0, 1].
    /// - Returns: The score in [0, 1] (0 is perfect).
    /// - Throws: As `logLoss`.
    /// - Complexity: O(n).
    public static func brierScore(labels: [Double], probabilities: [Double]) throws -> Double {
        try MetricInput.binary(labels: labels, scores: probabilities, scoreName: "probability", context: "brierScore")
        try MetricInput.probabilities(probabilities)
        var sum = 0.0
        for (y, p) in zip(labels, probabilities) { sum += (p - y) * (p - y) }
        return sum / Double(labels.count)
    }
}
