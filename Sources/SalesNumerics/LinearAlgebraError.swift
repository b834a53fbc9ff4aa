/// A data-dependent failure of a linear-algebra operation: the input, not the package, is at fault.
///
/// Every case says what went wrong and where (which operation, which pivot or column), so the
/// message can be shown to a user as is. Programmer errors inside the package (for example LAPACK
/// reporting an illegal argument, `info < 0`) are preconditions, not errors.
public enum LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Operand shapes do not fit the operation.
    case dimensionMismatch(operation: String, expected: String, actual: String)
    /// An operand has no rows or no columns where the operation needs some.
    case emptyInput(operation: String)
    /// An input holds NaN or ±infinity at `(row, column)` (column 0 for vectors).
    case nonFiniteInput(operation: String, row: Int, column: Int)
    /// The matrix is not positive definite: the leading minor of order `pivot` (1-based) is not positive.
    case notPositiveDefinite(operation: String, pivot: Int)
    /// The matrix is exactly singular: the `pivot`-th (1-based) diagonal element of the factor is zero.
    case singular(operation: String, pivot: Int)
    /// The design is rank deficient: `rank` of `columns`; `dependentColumns` are 0-based column indices.
    case rankDeficient(operation: String, rank: Int, columns: Int, dependentColumns: [Int])
    /// An iterative LAPACK routine did not converge (`info` as reported).
    case noConvergence(operation: String, info: Int)
    /// A dimension does not fit LAPACK's 32-bit integer.
    case dimensionTooLarge(operation: String, value: Int)
    /// An observation weight is negative or not finite: `value` at 0-based `index`.
    case invalidWeight(operation: String, index: Int, value: Double)

    public var description: String {
        switch self {
        case let .dimensionMismatch(op, expected, actual):
            return "\(op): dimension mismatch: expected \(expected), got \(actual)"
        case let .emptyInput(op):
            return "\(op): empty input"
        case let .nonFiniteInput(op, row, column):
            return "\(op): non-finite value (NaN or infinity) at row \(row), column \(column)"
        case let .notPositiveDefinite(op, pivot):
            return "\(op): matrix is not positive definite (leading minor of order \(pivot) is not positive)"
        case let .singular(op, pivot):
            return "\(op): matrix is singular (zero pivot at position \(pivot))"
        case let .rankDeficient(op, rank, columns, dependent):
            return "\(op): design is rank deficient (rank \(rank) of \(columns)); dependent columns: \(dependent)"
        case let .noConvergence(op, info):
            return "\(op): LAPACK iteration did not converge (info \(info))"
        case let .dimensionTooLarge(op, value):
            return "\(op): dimension \(value) exceeds LAPACK's 32-bit integer range"
        case let .invalidWeight(op, index, value):
            return "\(op): weight \(value) at index \(index) is invalid (weights must be finite and non-negative)"
        }
    }
}

/// Converts a size to LAPACK's integer type, throwing when it does not fit.
///
/// - Parameters:
///   - value: The size or leading dimension.
///   - operation: The operation name for the error message.
/// - Returns: `value` as `Int32` (`lapack_int` is 32-bit in Debian's LAPACKE).
/// - Throws: `LinearAlgebraError.dimensionTooLarge` when `value` exceeds `Int32.max` or is negative.
@inlinable
public func lapackInt(_ value: Int, _ operation: String) throws -> Int32 {
    guard let converted = Int32(exactly: value), converted >= 0 else {
        throw LinearAlgebraError.dimensionTooLarge(operation: operation, value: value)
    }
    return converted
}
