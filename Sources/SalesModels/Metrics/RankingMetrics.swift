/// Threshold-free metrics of a binary classifier's scores: ROC AUC and its curve, average precision.
///
/// Labels are 0 (negative) and 1 (positive); scores are any finite numbers where larger means
/// "more likely positive" (probabilities, log-odds). Ties between scores are handled exactly.
public enum RankingMetrics {
    /// The area under the ROC curve, exact and tie-aware: the Mann–Whitney statistic with midranks,
    /// `AUC = (R₊ − n₊(n₊+1)/2) / (n₊·n₋)`, where `R₊` is the sum of the positives' midranks. A tie
    /// between a positive and a negative counts one half (the trapezoid of the ROC curve).
    ///
    /// - Parameters:
    ///   - labels: 0/1 labels.
    ///   - scores: One finite score per label.
    /// - Returns: AUC in [0, 1]; exact up to rounding of the rank sums (integers and halves).
    /// - Throws: `ModelError.emptyInput`, `.dimensionMismatch`, `.invalidLabel`, `.nonFiniteValue`,
    ///   and `.singleClass` when only one class is present (AUC is undefined).
    /// - Complexity: O(n log n).
    public static func rocAUC(labels: [Double], scores: [Double]) throws -> Double {
        try MetricInput.binary(labels: labels, scores: scores, scoreName: "score", context: "rocAUC")
        let positives = labels.reduce(0, +)
        let negatives = Double(labels.count) - positives
        guard positives > 0, negatives > 0 else { throw ModelError.singleClass(label: labels[0]) }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSum = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, scores[order[end + 1]] == scores[order[start]] { end += 1 }
            let midrank = Double(start + end) / 2 + 1
            for k in start...end where labels[order[k]] == 1 { rankSum += midrank }
            start = end + 1
        }
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives)
    }

    /// The ROC curve: one point per distinct score threshold, from (0, 0) to (1, 1).
    ///
    /// - Parameters:
    ///   - labels: 0/1 labels.
    ///   - scores: One finite score per label.
    /// - Returns: The curve; point `k` classifies `score ≥ thresholds[k]` as positive (the first
    ///   point has threshold +∞).
    /// - Throws: As `rocAUC`.
    /// - Complexity: O(n log n).
    public static func rocCurve(labels: [Double], scores: [Double]) throws -> ROCCurve {
        try MetricInput.binary(labels: labels, scores: scores, scoreName: "score", context: "rocCurve")
        let positives = labels.reduce(0, +)
        let negatives = Double(labels.count) - positives
        guard positives > 0, negatives > 0 else { throw ModelError.singleClass(label: labels[0]) }
        var curve = ROCCurve(falsePositiveRates: [0], truePositiveRates: [0], thresholds: [.infinity])
        for group in descendingGroups(scores: scores, labels: labels) {
            curve.falsePositiveRates.append(group.cumulativeNegatives / negatives)
            curve.truePositiveRates.append(group.cumulativePositives / positives)
            curve.thresholds.append(group.score)
        }
        return curve
    }

    /// Average precision, `AP = Σₖ (Rₖ − Rₖ₋₁)·Pₖ` over the distinct score thresholds in
    /// descending order (precision `P` and recall `R` at each threshold; tied scores enter together).
    /// This is scikit-learn's `average_precision_score`, the step-wise area under the PR curve
    /// without interpolation.
    ///
    /// - Parameters:
    ///   - labels: 0/1 labels.
    ///   - scores: One finite score per label.
    /// - Returns: AP in [0, 1].
    /// - Throws: As `rocAUC`, except that only a missing *positive* class is an error
    ///   (`.singleClass(label: 0)`).
    /// - Complexity: O(n log n).
    public static func averagePrecision(labels: [Double], scores: [Double]) throws -> Double {
        try MetricInput.binary(labels: labels, scores: scores, scoreName: "score", context: "averagePrecision")
        let positives = labels.reduce(0, +)
        guard positives > 0 else { throw ModelError.singleClass(label: 0) }
        var ap = 0.0, previousRecall = 0.0
        for group in descendingGroups(scores: scores, labels: labels) {
            let recall = group.cumulativePositives / positives
            let precision = group.cumulativePositives / (group.cumulativePositives + group.cumulativeNegatives)
            ap += (recall - previousRecall) * precision
            previousRecall = recall
        }
        return ap
    }

    /// Cumulative class counts at each distinct score, scanning scores from high to low.
    private static func descendingGroups(scores: [Double], labels: [Double])
        -> [(score: Double, cumulativePositives: Double, cumulativeNegatives: Double)] {
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var result: [(Double, Double, Double)] = []
        var tp = 0.0, fp = 0.0
        var k = 0
        while k < order.count {
            let score = scores[order[k]]
            while k < order.count, scores[order[k]] == score {
                if labels[order[k]] == 1 { tp += 1 } else { fp += 1 }
                k += 1
            }
            result.append((score, tp, fp))
        }
        return result
    }
}

/// A receiver operating characteristic curve (see `RankingMetrics.rocCurve`).
public struct ROCCurve: Sendable, Equatable {
    /// False-positive rate at each threshold, non-decreasing from 0 to 1.
    public var falsePositiveRates: [Double]
    /// True-positive rate (recall) at each threshold, non-decreasing from 0 to 1.
    public var truePositiveRates: [Double]
    /// The score threshold of each point (`score ≥ threshold` is positive); the first is +∞.
    public var thresholds: [Double]

    /// The trapezoidal area under the curve (equals `RankingMetrics.rocAUC`).
    /// - Complexity: O(points).
    public var area: Double {
        var sum = 0.0
        for k in 1..<falsePositiveRates.count {
            sum += (falsePositiveRates[k] - falsePositiveRates[k - 1])
                * (truePositiveRates[k] + truePositiveRates[k - 1]) / 2
        }
        return sum
    }
}
