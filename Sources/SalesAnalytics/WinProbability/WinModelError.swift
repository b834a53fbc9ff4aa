import SalesData
/// A typed error of the win-probability model.
public enum WinModelError: Error, Sendable, CustomStringConvertible {
    /// A `--features` item could not be understood.
    case invalidFeature(item: String, reason: String)
    /// There are no closed deals (or none with complete features) to learn from.
    case noClosedDeals(closed: Int, complete: Int)
    /// Only one outcome among the closed deals.
    case singleOutcome(wins: Int, losses: Int)
    /// The design matrix could not be built.
    case design(DesignMatrixError)
    /// The logistic fit failed (separation without a remedy, collinear features, …), with the fold
    /// when it happened inside cross-validation.
    case fit(reason: String, fold: Int?)
    /// A model file could not be read, or has an unsupported schema version.
    case modelFile(path: String, reason: String)
    /// An opportunity id asked for is not in the table.
    case unknownOpportunity(id: String)

    /// A one-line message with the context.
    public var description: String {
        switch self {
        case let .invalidFeature(item, reason): return "feature \"\(item)\": \(reason)"
        case let .noClosedDeals(closed, complete):
            return "no closed deals to learn from (\(closed) closed, \(complete) with every feature present)"
        case let .singleOutcome(wins, losses):
            return "closed deals have a single outcome (\(wins) won, \(losses) lost): nothing to learn"
        case let .design(error): return error.description
        case let .fit(reason, fold):
            return (fold.map { "cross-validation fold \($0 + 1): " } ?? "") + reason
        case let .modelFile(path, reason): return "\(path): \(reason)"
        case let .unknownOpportunity(id): return "no opportunity \"\(id)\" in the file"
        }
    }
}
