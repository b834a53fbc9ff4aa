import CLAPACK

/// Level-2 and level-3 BLAS on `Matrix` (OpenBLAS `cblas_dgemv`, `cblas_dgemm`, `cblas_dsyrk`).
///
/// Shapes are checked before BLAS is called: a mismatch is a programming error (matrices built
/// in code) and traps with a message naming both shapes; a dimension beyond BLAS's 32-bit
/// integer (a data size) throws `LinearAlgebraError.dimensionTooLarge`. Results carry BLAS's rounding (no extra precision).
extension Matrix {
    /// The leading dimension BLAS expects for this matrix (`max(1, rows)`).
    var leadingDimension: Int { Swift.max(1, rows) }

    /// `y ← alpha·op(A)·x + beta·y` with `op(A) = A` or `Aᵀ` (`cblas_dgemv`).
    ///
    /// - Parameters:
    ///   - alpha: The multiplier of `op(A)·x`.
    ///   - a: The matrix `A`.
    ///   - transpose: Whether to use `Aᵀ`.
    ///   - x: The vector, of length `op(A).columns`.
    ///   - beta: The multiplier of the incoming `y` (0 ignores its contents, NaN included).
    ///   - y: The result, updated in place; length `op(A).rows`.
    /// - Precondition: `x` and `y` fit `op(A)` (a mismatch is a programming error and traps).
    /// - Throws: `LinearAlgebraError.dimensionTooLarge` beyond BLAS's 32-bit integer range.
    /// - Complexity: O(rows × columns).
    public static func gemv(
        alpha: Double = 1, _ a: Matrix, transpose: Bool = false, _ x: [Double],
        beta: Double = 0, into y: inout [Double]
    ) throws {
        let (m, n) = transpose ? (a.columns, a.rows) : (a.rows, a.columns)
        precondition(x.count == n && y.count == m,
                     "Matrix.gemv: expected x of length \(n) and y of length \(m) for a \(m) × \(n) operator, got x of length \(x.count), y of length \(y.count)")
        let rowsA = try lapackInt(a.rows, "Matrix.gemv"), columnsA = try lapackInt(a.columns, "Matrix.gemv")
        let lda = try lapackInt(a.leadingDimension, "Matrix.gemv")
        guard m > 0 else { return }
        guard n > 0 else {
            try Vector.scale(&y, by: beta)
            if beta == 0 { for i in y.indices { y[i] = 0 } }
            return
        }
        a.storage.withUnsafeBufferPointer { ap in
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { yp in
                    cblas_dgemv(CblasColMajor, transpose ? CblasTrans : CblasNoTrans, rowsA, columnsA,
                                alpha, ap.baseAddress, lda, xp.baseAddress, 1, beta, yp.baseAddress, 1)
                }
            }
        }
    }

    /// The matrix–vector product `alpha·op(self)·x` (`cblas_dgemv`).
    ///
    /// - Parameters:
    ///   - x: The vector, of length `columns` (or `rows` when `transposed`).
    ///   - transposed: Whether to multiply by `selfᵀ`.
    ///   - alpha: A scalar multiplier (default 1).
    /// - Returns: The product, of length `rows` (or `columns` when `transposed`).
    /// - Throws: `LinearAlgebraError.dimensionMismatch` when `x` has the wrong length.
    /// - Complexity: O(rows × columns).
    public func multiplied(by x: [Double], transposed: Bool = false, alpha: Double = 1) throws -> [Double] {
        var y = [Double](repeating: 0, count: transposed ? columns : rows)
        try Matrix.gemv(alpha: alpha, self, transpose: transposed, x, beta: 0, into: &y)
        return y
    }

    /// `C ← alpha·op(A)·op(B) + beta·C` (`cblas_dgemm`).
    ///
    /// - Parameters:
    ///   - alpha: The multiplier of the product.
    ///   - a: The left operand `A`.
    ///   - transposeA: Whether to use `Aᵀ`.
    ///   - b: The right operand `B`.
    ///   - transposeB: Whether to use `Bᵀ`.
    ///   - beta: The multiplier of the incoming `C` (0 ignores its contents).
    ///   - c: The result, updated in place; shape `op(A).rows × op(B).columns`.
    /// - Precondition: the inner dimensions and `C`'s shape fit (a mismatch traps).
    /// - Throws: `LinearAlgebraError.dimensionTooLarge` beyond BLAS's 32-bit integer range.
    /// - Complexity: O(m × n × k) for an `m × k` by `k × n` product.
    public static func gemm(
        alpha: Double = 1, _ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false,
        beta: Double = 0, into c: inout Matrix
    ) throws {
        let (m, k) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
        let (kb, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
        precondition(k == kb && c.rows == m && c.columns == n,
                     "Matrix.gemm: expected op(A) \(m) × \(k), op(B) \(k) × \(n), C \(m) × \(n), got op(A) \(m) × \(k), op(B) \(kb) × \(n), C \(c.rows) × \(c.columns)")
        let op = "Matrix.gemm"
        let m32 = try lapackInt(m, op), n32 = try lapackInt(n, op), k32 = try lapackInt(k, op)
        let lda = try lapackInt(a.leadingDimension, op), ldb = try lapackInt(b.leadingDimension, op)
        let ldc = try lapackInt(c.leadingDimension, op)
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            if beta == 0 {
                c.storage.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            } else {
                try Vector.scale(&c.storage, by: beta)
            }
            return
        }
        a.storage.withUnsafeBufferPointer { ap in
            b.storage.withUnsafeBufferPointer { bp in
                c.storage.withUnsafeMutableBufferPointer { cp in
                    cblas_dgemm(CblasColMajor, transposeA ? CblasTrans : CblasNoTrans,
                                transposeB ? CblasTrans : CblasNoTrans, m32, n32, k32,
                                alpha, ap.baseAddress, lda, bp.baseAddress, ldb, beta, cp.baseAddress, ldc)
                }
            }
        }
    }

    /// The matrix product `alpha·op(self)·op(other)` (`cblas_dgemm`).
    ///
    /// - Parameters:
    ///   - other: The right operand.
    ///   - transposeSelf: Whether to use `selfᵀ`.
    ///   - transposeOther: Whether to use `otherᵀ`.
    ///   - alpha: A scalar multiplier (default 1).
    /// - Returns: The `op(self).rows × op(other).columns` product.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` when the inner dimensions differ.
    /// - Complexity: O(m × n × k).
    public func multiplied(
        by other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false, alpha: Double = 1
    ) throws -> Matrix {
        var c = Matrix(rows: transposeSelf ? columns : rows, columns: transposeOther ? other.rows : other.columns)
        try Matrix.gemm(alpha: alpha, self, transposeA: transposeSelf, other, transposeB: transposeOther,
                        beta: 0, into: &c)
        return c
    }

    /// The Gram matrix `alpha·selfᵀ·self` as a full symmetric matrix (`cblas_dsyrk` on the upper
    /// triangle, then mirrored to the lower one).
    ///
    /// Half the flops of a general product, and exactly symmetric.
    ///
    /// - Parameter alpha: A scalar multiplier (default 1).
    /// - Returns: The `columns × columns` matrix `alpha·XᵀX`.
    /// - Throws: `LinearAlgebraError.dimensionTooLarge` when a dimension exceeds BLAS's integer range.
    /// - Complexity: O(rows × columns²) flops (half of `gemm`'s), O(columns²) memory.
    public func gram(alpha: Double = 1) throws -> Matrix {
        let p = columns
        var g = Matrix(rows: p, columns: p)
        let n32 = try lapackInt(p, "Matrix.gram"), k32 = try lapackInt(rows, "Matrix.gram")
        let lda = try lapackInt(leadingDimension, "Matrix.gram"), ldc = try lapackInt(Swift.max(1, p), "Matrix.gram")
        guard p > 0, rows > 0 else { return g }
        storage.withUnsafeBufferPointer { ap in
            g.storage.withUnsafeMutableBufferPointer { cp in
                cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, n32, k32, alpha, ap.baseAddress, lda,
                            0, cp.baseAddress, ldc)
            }
        }
        g.mirrorUpperToLower()
        return g
    }

    /// Copies the upper triangle onto the lower one (square matrices), making the matrix symmetric.
    /// - Complexity: O(n²).
    mutating func mirrorUpperToLower() {
        precondition(rows == columns, "mirrorUpperToLower needs a square matrix")
        let n = rows
        storage.withUnsafeMutableBufferPointer { s in
            for j in 0..<n {
                for i in (j + 1)..<Swift.max(j + 1, n) { s[i + j * n] = s[j + i * n] }
            }
        }
    }

    /// Sets the strictly lower triangle to zero (square or tall matrices).
    /// - Complexity: O(rows × columns).
    mutating func zeroStrictlyLower() {
        let m = rows, n = columns
        storage.withUnsafeMutableBufferPointer { s in
            for j in 0..<n where j + 1 < m {
                for i in (j + 1)..<m { s[i + j * m] = 0 }
            }
        }
    }
}
