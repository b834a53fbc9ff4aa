/// Why a customer-lifetime model (BG/NBD, Gamma-Gamma) or a CLV computation could not be built.
///
/// Rows are 0-based indices into the arrays the caller passed. A fit that fails to converge is
/// reported here with the optimizer's state; it is never returned as fitted parameters.
public enum CustomerModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No rows (or every row has weight 0) — nothing to fit.
    case empty(model: String)
    /// Two input arrays that must be parallel have different lengths.
    case lengthMismatch(argument: String, expected: Int, actual: Int)
    /// A row holds an impossible value: `field` is `"frequency"`, `"recency"`, `"age"`, `"weight"`
    /// or `"monetary"`, and `reason` says which rule it breaks (e.g. `"recency > age"`).
    case invalidValue(row: Int, field: String, value: Double, reason: String)
    /// Gamma-Gamma: a customer with repeat purchases has a monetary value ≤ 0 (refunds netted to
    /// nothing, or a data error); the model is defined for positive spend only.
    case nonPositiveMonetary(row: Int, value: Double)
    /// The data cannot identify the model: e.g. no customer made a repeat purchase (BG/NBD), or no
    /// customer has frequency ≥ 1 (Gamma-Gamma). `detail` says which.
    case unidentifiable(model: String, detail: String)
    /// A model parameter is not a positive finite number (or breaks a stated range).
    case invalidParameter(name: String, value: Double, reason: String)
    /// The optimizer stopped without meeting a convergence test. The last iterate is carried for
    /// diagnosis only (`lastParameters`, in the model's parameter order and natural scale).
    case didNotConverge(
        model: String, reason: String, iterations: Int, functionEvaluations: Int,
        gradientNorm: Double, lastParameters: [Double]
    )
    /// The optimizer converged onto the edge of the parameter box (`parameter` reached `value`):
    /// the maximum of the likelihood lies at a degenerate limit of the model (for BG/NBD typically
    /// "no dropout", a → 0), so the estimate would be an artifact of the box, not of the data.
    case degenerateFit(model: String, parameter: String, value: Double, lastParameters: [Double])

    /// Throws `invalidParameter` for the first of `values` (named by `names`) that is not a
    /// positive finite number: the rule every customer model's parameters follow.
    static func requirePositiveFinite(_ values: [Double], names: [String]) throws {
        for (name, value) in zip(names, values) where !(value > 0 && value.isFinite) {
            throw CustomerModelError.invalidParameter(name: name, value: value, reason: "must be positive and finite")
        }
    }

    /// A one-line explanation naming the row, field, parameter or optimizer state.
    public var description: String {
        switch self {
        case let .empty(model):
            return "\(model): no customers to fit (empty input or all weights zero)"
        case let .lengthMismatch(argument, expected, actual):
            return "\(argument) has \(actual) rows, expected \(expected) (the frequency array's length)"
        case let .invalidValue(row, field, value, reason):
            return "row \(row): \(field) = \(value) is invalid (\(reason))"
        case let .nonPositiveMonetary(row, value):
            return "row \(row): monetary value \(value) must be > 0 for a customer with repeat purchases (Gamma-Gamma)"
        case let .unidentifiable(model, detail):
            return "\(model): the data cannot identify the model: \(detail)"
        case let .invalidParameter(name, value, reason):
            return "parameter \(name) = \(value) is invalid (\(reason))"
        case let .didNotConverge(model, reason, iterations, evaluations, gradientNorm, last):
            return "\(model): the optimizer did not converge (\(reason)) after \(iterations) iterations, "
                + "\(evaluations) evaluations; gradient norm \(gradientNorm); last parameters \(last)"
        case let .degenerateFit(model, parameter, value, last):
            return "\(model): the fit ran to the boundary \(parameter) = \(value) (a degenerate limit of the model); "
                + "last parameters \(last)"
        }
    }
}
