/// An invalid distribution parameter, reported by the distributions' throwing initializers.
///
/// Parameters usually come from data (a degrees-of-freedom count, a fitted scale), so a bad one is
/// the data's problem and throws rather than traps.
public enum DistributionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `parameter` of `distribution` has `value`, which breaks `requirement` (e.g. "> 0 and finite").
    case invalidParameter(distribution: String, parameter: String, value: Double, requirement: String)

    /// A message naming the distribution, the parameter, its value and the requirement.
    public var description: String {
        switch self {
        case let .invalidParameter(distribution, parameter, value, requirement):
            return "\(distribution): parameter \(parameter) = \(value) is invalid (must be \(requirement))"
        }
    }

    /// Throws unless `value` is finite and strictly positive.
    static func requirePositiveFinite(_ value: Double, parameter: String, distribution: String) throws {
        guard value > 0, value.isFinite else {
            throw DistributionError.invalidParameter(distribution: distribution, parameter: parameter, value: value, requirement: "> 0 and finite")
        }
    }
}
