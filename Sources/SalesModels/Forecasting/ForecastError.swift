/// Why a forecast could not be made from the given series: the data, not the package, is at fault.
public enum ForecastError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The series has missing values (NaN) at these 0-based positions.
    case gaps(positions: [Int])
    /// The series holds ±infinity at `position`.
    case nonFiniteValue(position: Int, value: Double)
    /// The series is too short for `model`: it has `length` values, the model needs `minimum`.
    case seriesTooShort(model: String, length: Int, minimum: Int)
    /// A model with multiplicative components needs strictly positive data; `value` at `position` is not.
    case nonPositiveValue(model: String, position: Int, value: Double)
    /// The forecast horizon must be at least 1.
    case invalidHorizon(Int)
    /// An argument is outside its domain (name, value and the allowed range as text).
    case invalidArgument(name: String, value: String, expected: String)
    /// No candidate model could be fitted; the reasons per model are listed.
    case noModelFitted(reasons: [String])
    /// Fitting `model` failed numerically (e.g. the likelihood is not finite at any admissible point).
    case fitFailed(model: String, reason: String)

    public var description: String {
        switch self {
        case let .gaps(positions):
            let shown = positions.prefix(20).map(String.init).joined(separator: ", ")
            let more = positions.count > 20 ? " and \(positions.count - 20) more" : ""
            return "series has \(positions.count) missing value(s) (NaN) at position(s) \(shown)\(more); fill them with zero or remove them"
        case let .nonFiniteValue(position, value):
            return "series holds a non-finite value \(value) at position \(position)"
        case let .seriesTooShort(model, length, minimum):
            return "\(model): series has \(length) value(s), needs at least \(minimum)"
        case let .nonPositiveValue(model, position, value):
            return "\(model): multiplicative components need strictly positive data; value \(value) at position \(position)"
        case let .invalidHorizon(h):
            return "forecast horizon must be at least 1, got \(h)"
        case let .invalidArgument(name, value, expected):
            return "invalid \(name) \(value): expected \(expected)"
        case let .noModelFitted(reasons):
            return "no model could be fitted: " + reasons.joined(separator: "; ")
        case let .fitFailed(model, reason):
            return "\(model): fit failed: \(reason)"
        }
    }
}

extension ForecastError {
    /// `error` as a forecasting error: itself when it is one, otherwise `.fitFailed` carrying its
    /// description (a solver or optimizer error raised inside a fit).
    /// - Parameters:
    ///   - error: The error caught.
    ///   - model: The model being fitted, for the message.
    /// - Returns: The forecasting error.
    package static func wrapping(_ error: any Error, model: String = "forecast") -> ForecastError {
        (error as? ForecastError) ?? .fitFailed(model: model, reason: "\(error)")
    }
}
