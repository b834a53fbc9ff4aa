extension Matrix {
    /// Checks the argument of a symmetric LAPACK routine that reads only the upper triangle
    /// (`Cholesky`, `SymmetricEigen`): square, not empty, finite upper triangle, and an order
    /// LAPACK's 32-bit integers can hold.
    /// - Parameter op: The operation named in errors.
    /// - Returns: The order `n` and its `Int32` for LAPACK.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` when not square, `.emptyInput` for 0 × 0,
    ///   `.nonFiniteInput` naming the first NaN/infinity of the upper triangle (column by column),
    ///   `.dimensionTooLarge` from `lapackInt`.
    /// - Complexity: O(n²).
    func checkedSymmetricUpperOrder(operation op: String) throws -> (n: Int, n32: Int32) {
        guard rows == columns else {
            throw LinearAlgebraError.dimensionMismatch(operation: op, expected: "a square matrix",
                                                       actual: "\(rows) × \(columns)")
        }
        let n = rows
        guard n > 0 else { throw LinearAlgebraError.emptyInput(operation: op) }
        for j in 0..<n {
            for i in 0...j where !storage[i + j * n].isFinite {
                throw LinearAlgebraError.nonFiniteInput(operation: op, row: i, column: j)
            }
        }
        return (n, try lapackInt(n, op))
    }
}
