import CLAPACK

/// Block-by-block Gram matrices: `Σ_blocks AᵀA` accumulated in place with `cblas_dsyrk` (β = 1),
/// so a Gram matrix of a tall operand can be built from cache-sized blocks (for instance rows
/// scaled by weights that are computed block by block) without materializing the operand.
extension Matrix {
    /// Adds `alpha·AᵀA` to the upper triangle of this square matrix, where `A` is the first `rows`
    /// rows of `block` (`cblas_dsyrk`, upper, transposed, β = 1). The strictly lower triangle is
    /// not touched: call `symmetrizeFromUpper()` once the accumulation is complete.
    ///
    /// - Parameters:
    ///   - block: The operand; its columns must equal this matrix's order.
    ///   - rows: How many leading rows of `block` to use (`0...block.rows`).
    ///   - alpha: A scalar multiplier (default 1).
    /// - Throws: `LinearAlgebraError.dimensionMismatch` when this matrix is not square of order
    ///   `block.columns` or `rows` is out of range; `.dimensionTooLarge` beyond BLAS's integer range.
    /// - Complexity: O(rows × columns²) flops (half of a general product).
    public mutating func addGramUpper(of block: Matrix, rows: Int, alpha: Double = 1) throws {
        let p = block.columns
        precondition(self.rows == p && columns == p && rows >= 0 && rows <= block.rows,
                     "Matrix.addGramUpper: expected a \(p) × \(p) accumulator and 0...\(block.rows) rows, got a \(self.rows) × \(columns) accumulator and \(rows) rows")
        let n32 = try lapackInt(p, "Matrix.addGramUpper"), k32 = try lapackInt(rows, "Matrix.addGramUpper")
        let lda = try lapackInt(block.leadingDimension, "Matrix.addGramUpper")
        let ldc = try lapackInt(Swift.max(1, p), "Matrix.addGramUpper")
        guard p > 0, rows > 0 else { return }
        block.storage.withUnsafeBufferPointer { ap in
            storage.withUnsafeMutableBufferPointer { cp in
                cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, n32, k32, alpha, ap.baseAddress, lda,
                            1, cp.baseAddress, ldc)
            }
        }
    }

    /// Copies the upper triangle onto the lower one, making a square matrix exactly symmetric
    /// (the finishing step after `addGramUpper(of:rows:alpha:)`).
    /// - Complexity: O(rows²).
    public mutating func symmetrizeFromUpper() {
        mirrorUpperToLower()
    }
}
