import SalesNumerics
/// A data-dependent failure of a model fit or a metric: the input, not the package, is at fault.
///
/// Every case names what is wrong in the caller's terms: the feature (by the name given to the
/// model), the row (0-based), the value, or the sizes involved.
public enum ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No rows (or no columns where some are needed).
    case emptyInput(context: String)
    /// Lengths or shapes that must agree do not.
    case dimensionMismatch(context: String, expected: Int, actual: Int)
    /// A feature holds NaN or ±infinity at `row`.
    case nonFiniteFeature(feature: String, row: Int, value: Double)
    /// A response, prediction, weight or offset (named by `what`) is NaN or ±infinity at `row`.
    case nonFiniteValue(what: String, row: Int, value: Double)
    /// A feature has the same value in every (positively weighted) row, so with an intercept it
    /// carries no information.
    case constantFeature(feature: String, value: Double)
    /// Two features have identical columns.
    case duplicateFeatures(feature: String, duplicateOf: String)
    /// The features (with the intercept) are linearly dependent; `dependent` are the features
    /// QR drops (each a combination of the others).
    case collinearFeatures(dependent: [String], rank: Int, terms: Int)
    /// Fewer observations than parameters to estimate.
    case tooFewObservations(observations: Int, parameters: Int)
    /// A label is not 0 or 1.
    case invalidLabel(row: Int, value: Double)
    /// Every (positively weighted) label is the same class.
    case singleClass(label: Double)
    /// A weight is negative (weights must be finite and ≥ 0).
    case negativeWeight(what: String, row: Int, value: Double)
    /// Every observation weight is zero.
    case allWeightsZero
    /// An option is out of range (`name`, its `value`, and the allowed range in `reason`).
    case invalidParameter(name: String, value: Double, reason: String)
    /// The maximum-likelihood estimate does not exist because the classes are separated:
    /// `complete` (a combination of `features` splits the classes exactly) or quasi-complete
    /// (it splits them with ties on the boundary). Use `firth: true` or an L2 penalty.
    case separation(complete: Bool, features: [String])
    /// A linear-algebra failure that no other case describes.
    case numerical(LinearAlgebraError)

    /// A one-line message naming the feature, row, value or condition at fault.
    public var description: String {
        switch self {
        case let .emptyInput(context):
            return "\(context): no observations"
        case let .dimensionMismatch(context, expected, actual):
            return "\(context): expected \(expected), got \(actual)"
        case let .nonFiniteFeature(feature, row, value):
            return "feature \"\(feature)\": non-finite value \(value) at row \(row)"
        case let .nonFiniteValue(what, row, value):
            return "\(what): non-finite value \(value) at row \(row)"
        case let .constantFeature(feature, value):
            return "feature \"\(feature)\" is constant (\(value) in every row); with an intercept it cannot be estimated"
        case let .duplicateFeatures(feature, original):
            return "feature \"\(feature)\" duplicates feature \"\(original)\""
        case let .collinearFeatures(dependent, rank, terms):
            let names = dependent.map { "\"\($0)\"" }.joined(separator: ", ")
            return "features are collinear (rank \(rank) of \(terms) terms): \(names) "
                + "\(dependent.count == 1 ? "is a linear combination" : "are linear combinations") of the others"
        case let .tooFewObservations(observations, parameters):
            return "\(observations) observations cannot estimate \(parameters) parameters"
        case let .invalidLabel(row, value):
            return "label \(value) at row \(row) is not 0 or 1"
        case let .singleClass(label):
            return "every label is \(label); a classifier needs both classes"
        case let .negativeWeight(what, row, value):
            return "\(what) \(value) at row \(row) is negative"
        case .allWeightsZero:
            return "every observation weight is zero"
        case let .invalidParameter(name, value, reason):
            return "\(name) = \(value): \(reason)"
        case let .separation(complete, features):
            let names = features.map { "\"\($0)\"" }.joined(separator: ", ")
            return "\(complete ? "complete" : "quasi-complete") separation: \(names) "
                + "\(complete ? "separate" : "separate (with ties)") the classes, so the maximum-likelihood "
                + "estimate does not exist; use Firth's correction or an L2 penalty"
        case let .numerical(error):
            return error.description
        }
    }
}
