/// Input checks shared by the metrics (internal support).
enum MetricInput {
    /// Checks that `labels` are 0/1 and `scores` finite, of equal non-zero length.
    static func binary(labels: [Double], scores: [Double], scoreName: String, context: String) throws {
        guard !labels.isEmpty else { throw ModelError.emptyInput(context: context) }
        guard scores.count == labels.count else {
            throw ModelError.dimensionMismatch(context: "\(context): \(scoreName) per label", expected: labels.count,
                                               actual: scores.count)
        }
        for (i, label) in labels.enumerated() where label != 0 && label != 1 {
            throw ModelError.invalidLabel(row: i, value: label)
        }
        for (i, score) in scores.enumerated() where !score.isFinite {
            throw ModelError.nonFiniteValue(what: scoreName, row: i, value: score)
        }
    }

    /// Checks probabilities lie in [0, 1].
    static func probabilities(_ p: [Double]) throws {
        for (i, value) in p.enumerated() where !(value >= 0 && value <= 1) {
            throw ModelError.invalidParameter(name: "probability[\(i)]", value: value, reason: "must lie in [0, 1]")
        }
    }

    /// Checks two finite series of equal non-zero length.
    static func paired(actual: [Double], predicted: [Double], context: String) throws {
        guard !actual.isEmpty else { throw ModelError.emptyInput(context: context) }
        guard predicted.count == actual.count else {
            throw ModelError.dimensionMismatch(context: "\(context): predictions per actual", expected: actual.count,
                                               actual: predicted.count)
        }
        for (i, value) in actual.enumerated() where !value.isFinite {
            throw ModelError.nonFiniteValue(what: "actual", row: i, value: value)
        }
        for (i, value) in predicted.enumerated() where !value.isFinite {
            throw ModelError.nonFiniteValue(what: "predicted", row: i, value: value)
        }
    }
}
