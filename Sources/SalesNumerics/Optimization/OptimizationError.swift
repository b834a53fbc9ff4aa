/// Invalid input to an optimizer, found before the first iteration.
///
/// Trouble during the iterations (a non-finite objective, a failed line search) is not an error:
/// it is reported in `OptimizationResult.stopReason` together with the best point found.
public enum OptimizationError: Error, Sendable, CustomStringConvertible, Equatable {
    /// An argument's length differs from the start vector's (`argument` is `"lower"`, `"upper"`,
    /// `"gradient"` or `"hessian"`).
    case dimensionMismatch(argument: String, expected: Int, actual: Int)
    /// The start vector is empty.
    case emptyStart
    /// Bound `index` is unusable: `lower > upper`, a NaN, `lower == +∞` or `upper == −∞`.
    case invalidBounds(index: Int, lower: Double, upper: Double)
    /// The start vector holds NaN or ±∞ at `index`.
    case nonFiniteStart(index: Int)
    /// The objective's `quantity` (`"value"`, `"gradient"` or `"hessian"`) is non-finite at the
    /// start point; `index` locates the first bad component (nil for the value; for the Hessian,
    /// the column-major storage index `row + column × n`).
    case nonFiniteAtStart(quantity: String, index: Int?)

    /// A one-line message naming the argument, index or quantity at fault.
    public var description: String {
        switch self {
        case let .dimensionMismatch(argument, expected, actual):
            return "optimizer: \(argument) has \(actual) elements, expected \(expected) (the start's length)"
        case .emptyStart:
            return "optimizer: the start vector is empty"
        case let .invalidBounds(index, lower, upper):
            return "optimizer: invalid bounds at index \(index): lower \(lower), upper \(upper)"
        case let .nonFiniteStart(index):
            return "optimizer: start value at index \(index) is NaN or infinite"
        case let .nonFiniteAtStart(quantity, index):
            if let index {
                return "optimizer: objective \(quantity) is non-finite at the start point (component \(index))"
            }
            return "optimizer: objective \(quantity) is non-finite at the start point"
        }
    }
}
