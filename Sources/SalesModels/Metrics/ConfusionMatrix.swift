/// Counts of a binary classification at one threshold, with the rates derived from them.
public struct ConfusionMatrix: Sendable, Equatable {
    /// Positives classified positive.
    public var truePositives: Int
    /// Negatives classified positive.
    public var falsePositives: Int
    /// Negatives classified negative.
    public var trueNegatives: Int
    /// Positives classified negative.
    public var falseNegatives: Int

    /// Classifies `score ≥ threshold` as positive and counts the outcomes.
    ///
    /// - Parameters:
    ///   - labels: 0/1 labels.
    ///   - scores: One finite score per label.
    ///   - threshold: The cut-off (default 0.5, for probabilities).
    /// - Throws: `ModelError.emptyInput`, `.dimensionMismatch`, `.invalidLabel`, `.nonFiniteValue`.
    /// - Complexity: O(n).
    public init(labels: [Double], scores: [Double], threshold: Double = 0.5) throws {
        try MetricInput.binary(labels: labels, scores: scores, scoreName: "score", context: "ConfusionMatrix")
        var tp = 0, fp = 0, tn = 0, fn = 0
        for (y, s) in zip(labels, scores) {
            switch (y == 1, s >= threshold) {
            case (true, true): tp += 1
            case (false, true): fp += 1
            case (false, false): tn += 1
            case (true, false): fn += 1
            }
        }
        self.truePositives = tp
        self.falsePositives = fp
        self.trueNegatives = tn
        self.falseNegatives = fn
    }

    /// Number of observations.
    public var count: Int { truePositives + falsePositives + trueNegatives + falseNegatives }

    /// `TP / (TP + FP)`; 0 when nothing is classified positive (scikit-learn's `zero_division=0`).
    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }

    /// `TP / (TP + FN)` (sensitivity); 0 when there are no positives.
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }

    /// `TN / (TN + FP)`; 0 when there are no negatives.
    public var specificity: Double { ratio(trueNegatives, trueNegatives + falsePositives) }

    /// `(TP + TN) / n`.
    public var accuracy: Double { ratio(truePositives + trueNegatives, count) }

    /// The harmonic mean of precision and recall, `2TP / (2TP + FP + FN)`; 0 when undefined.
    public var f1: Double { ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }

    private func ratio(_ numerator: Int, _ denominator: Int) -> Double {
        denominator > 0 ? Double(numerator) / Double(denominator) : 0
    }
}
