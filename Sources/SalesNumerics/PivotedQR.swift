import CLAPACK

/// Householder QR with column pivoting, `A·P = Q·R` (LAPACK `dgeqp3`), with numerical rank.
///
/// **Rank rule.** Column pivoting makes `|R_kk|` non-increasing, and `|R_kk|` measures how far
/// column `k` (in pivot order) is from the span of the columns before it. The numerical rank is the
/// number of leading diagonal elements with `|R_kk| > tolerance·|R_11|`; the default
/// `tolerance = max(m, n)·ε` (ε = 2.2e-16) is LAPACK's and NumPy's convention for `lstsq`.
/// The columns after the rank, in pivot order, are the *dependent* ones and are reported by their
/// original 0-based indices. The test is relative to the largest column, so it is not invariant
/// to column scaling: scale columns to comparable norms first when their units differ
/// (`LeastSquares.fit` does).
///
/// Precision: the factorization is backward stable (`A·P + E = Q·R`, `‖E‖ ≈ ε‖A‖`).
public struct PivotedQR: Sendable {
    /// Number of rows `m` of the factored matrix.
    public let rows: Int
    /// Number of columns `n` of the factored matrix.
    public let columns: Int
    /// `dgeqp3`'s packed output: `R` on and above the diagonal, Householder vectors below.
    let packed: Matrix
    /// Householder scalars (length `min(m, n)`).
    let tau: [Double]
    /// Column `k` of `A·P` is column `permutation[k]` of `A` (0-based).
    public let permutation: [Int]
    /// The numerical rank under `tolerance` (see the type's documentation).
    public let rank: Int
    /// The relative tolerance the rank was determined with.
    public let tolerance: Double

    /// Factors `a` with column pivoting and determines its numerical rank.
    ///
    /// - Parameters:
    ///   - a: The `m × n` matrix; any shape.
    ///   - tolerance: Relative threshold for `|R_kk| / |R_11|`; `nil` uses `max(m, n)·ε`.
    /// - Throws: `LinearAlgebraError.emptyInput` when `a` has no rows or columns,
    ///   `.nonFiniteInput` naming the first NaN/infinity.
    /// - Complexity: O(2mn² − 2n³/3) flops for `m ≥ n`.
    public init(_ a: Matrix, tolerance: Double? = nil) throws {
        let op = "PivotedQR"
        guard a.rows > 0, a.columns > 0 else { throw LinearAlgebraError.emptyInput(operation: op) }
        if let (i, j) = a.firstNonFinite { throw LinearAlgebraError.nonFiniteInput(operation: op, row: i, column: j) }
        let m32 = try lapackInt(a.rows, op), n32 = try lapackInt(a.columns, op)
        var qr = a
        var jpvt = [Int32](repeating: 0, count: a.columns)
        var tau = [Double](repeating: 0, count: Swift.min(a.rows, a.columns))
        let info = qr.storage.withUnsafeMutableBufferPointer { ap in
            jpvt.withUnsafeMutableBufferPointer { jp in
                tau.withUnsafeMutableBufferPointer { tp in
                    LAPACKE_dgeqp3(LAPACK_COL_MAJOR, m32, n32, ap.baseAddress, m32, jp.baseAddress, tp.baseAddress)
                }
            }
        }
        precondition(info == 0, "dgeqp3: illegal argument \(-info)")
        let tol = tolerance ?? Double(Swift.max(a.rows, a.columns)) * Double.ulpOfOne
        let k = Swift.min(a.rows, a.columns)
        let r11 = abs(qr.storage[0])
        var rank = 0
        while rank < k, abs(qr.storage[rank + rank * a.rows]) > tol * r11 { rank += 1 }
        self.rows = a.rows
        self.columns = a.columns
        self.packed = qr
        self.tau = tau
        self.permutation = jpvt.map { Int($0) - 1 }
        self.rank = rank
        self.tolerance = tol
    }

    /// Whether the matrix has full column rank under the tolerance.
    public var hasFullColumnRank: Bool { rank == columns }

    /// The original (0-based) indices of the columns judged linearly dependent on the others:
    /// the columns after the rank in pivot order, sorted ascending. Empty at full column rank.
    public var dependentColumns: [Int] { permutation[rank...].sorted() }

    /// The `k × n` upper-trapezoidal factor `R` (`k = min(m, n)`), in pivot order.
    /// - Complexity: O(k·n).
    public var r: Matrix {
        let k = Swift.min(rows, columns)
        var result = Matrix(rows: k, columns: columns)
        for j in 0..<columns {
            for i in 0...Swift.min(j, k - 1) { result.storage[i + j * k] = packed.storage[i + j * rows] }
        }
        return result
    }

    /// The absolute diagonal `|R_kk|` in pivot order (length `min(m, n)`).
    public var rDiagonal: [Double] { (0..<Swift.min(rows, columns)).map { abs(packed.storage[$0 + $0 * rows]) } }

    /// `Qᵀ·b` (`dormqr`), the right-hand side rotated into the factor's basis.
    ///
    /// - Parameter b: A vector of length `rows`.
    /// - Returns: `Qᵀb`, length `rows`; its entries after `columns` are the residual's coordinates.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` when `b.count != rows`.
    /// - Complexity: O(m·n).
    public func applyQTranspose(_ b: [Double]) throws -> [Double] {
        let op = "PivotedQR.applyQTranspose"
        guard b.count == rows else {
            throw LinearAlgebraError.dimensionMismatch(operation: op, expected: "length \(rows)", actual: "length \(b.count)")
        }
        return try multiplyByQ(b, transpose: true, op)
    }

    /// `Q·c` (`dormqr`, no transpose): back from the factor's basis.
    /// - Parameter c: A vector of length `rows`.
    /// - Returns: `Qc`, length `rows`.
    /// - Complexity: O(m·n).
    func applyQ(_ c: [Double]) throws -> [Double] {
        let op = "PivotedQR.applyQ"
        precondition(c.count == rows, "applyQ: length \(c.count), expected \(rows)")
        return try multiplyByQ(c, transpose: false, op)
    }

    /// `Qᵀ·v` or `Q·v` (`dormqr` from the left) for a vector `v` of length `rows`.
    private func multiplyByQ(_ v: [Double], transpose: Bool, _ op: String) throws -> [Double] {
        var result = v
        let m32 = try lapackInt(rows, op), k32 = try lapackInt(tau.count, op)
        let trans = CChar(UInt8(ascii: transpose ? "T" : "N"))
        let info = packed.storage.withUnsafeBufferPointer { ap in
            tau.withUnsafeBufferPointer { tp in
                result.withUnsafeMutableBufferPointer { rp in
                    LAPACKE_dormqr(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), trans,
                                   m32, 1, k32, ap.baseAddress, m32, tp.baseAddress, rp.baseAddress, m32)
                }
            }
        }
        precondition(info == 0, "dormqr: illegal argument \(-info)")
        return result
    }

    /// Solves `R·z = b` or `Rᵀ·z = b` with the leading `n × n` triangle (`dtrtrs`), in pivot order.
    /// - Precondition: full column rank.
    /// - Complexity: O(n²).
    func solveR(_ b: [Double], transpose: Bool) throws -> [Double] {
        precondition(rank == columns && b.count == columns, "solveR needs full rank and length \(columns)")
        var z = b
        let n32 = try lapackInt(columns, "PivotedQR.solveR"), lda = try lapackInt(rows, "PivotedQR.solveR")
        let info = packed.storage.withUnsafeBufferPointer { ap in
            z.withUnsafeMutableBufferPointer { zp in
                LAPACKE_dtrtrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), CChar(UInt8(ascii: transpose ? "T" : "N")),
                               CChar(UInt8(ascii: "N")), n32, 1, ap.baseAddress, lda, zp.baseAddress, n32)
            }
        }
        precondition(info >= 0, "dtrtrs: illegal argument \(-info)")
        if info > 0 { throw LinearAlgebraError.singular(operation: "PivotedQR.solveR", pivot: Int(info)) }
        return z
    }

    /// The least-squares solution `argmin ‖A·x − b‖₂` (`dormqr`, then `dtrtrs` on `R`, then the
    /// permutation undone).
    ///
    /// - Parameter b: The right-hand side, length `rows`.
    /// - Returns: `x` in the original column order; relative error about `κ(A)·ε` plus
    ///   `κ(A)²·ε·‖r‖/(‖A‖‖x‖)` for a nonzero residual `r`.
    /// - Throws: `LinearAlgebraError.rankDeficient` naming the dependent columns when
    ///   `rank < columns` (there is no unique solution), `.dimensionMismatch` when `b.count != rows`.
    /// - Complexity: O(m·n + n²).
    public func solve(_ b: [Double]) throws -> [Double] {
        try requireFullColumnRank("PivotedQR.solve")
        let c = try applyQTranspose(b)
        let n = columns
        var z = Array(c[0..<n])
        let n32 = try lapackInt(n, "PivotedQR.solve"), lda = try lapackInt(rows, "PivotedQR.solve")
        let info = packed.storage.withUnsafeBufferPointer { ap in
            z.withUnsafeMutableBufferPointer { zp in
                LAPACKE_dtrtrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), CChar(UInt8(ascii: "N")),
                               CChar(UInt8(ascii: "N")), n32, 1, ap.baseAddress, lda, zp.baseAddress, n32)
            }
        }
        precondition(info >= 0, "dtrtrs: illegal argument \(-info)")
        if info > 0 { throw LinearAlgebraError.singular(operation: "PivotedQR.solve", pivot: Int(info)) }
        var x = [Double](repeating: 0, count: n)
        for k in 0..<n { x[permutation[k]] = z[k] }
        return x
    }

    /// `(AᵀA)⁻¹ = P·R⁻¹R⁻ᵀ·Pᵀ` in the original column order (`dpotri` on `R`, which is the Cholesky
    /// factor of `(AP)ᵀ(AP)`), the unscaled covariance of least-squares coefficients.
    ///
    /// - Returns: The `n × n` symmetric inverse; relative error about `κ(A)²·ε` in the worst case
    ///   (it is the inverse of the Gram matrix), without ever forming `AᵀA`.
    /// - Throws: `LinearAlgebraError.rankDeficient` when `rank < columns`.
    /// - Complexity: O(2n³/3) flops.
    public func inverseGram() throws -> Matrix {
        try requireFullColumnRank("PivotedQR.inverseGram")
        let n = columns
        var u = Matrix(rows: n, columns: n)
        for j in 0..<n {
            for i in 0...j { u.storage[i + j * n] = packed.storage[i + j * rows] }
        }
        let n32 = try lapackInt(n, "PivotedQR.inverseGram")
        let info = u.storage.withUnsafeMutableBufferPointer { p in
            LAPACKE_dpotri(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), n32, p.baseAddress, n32)
        }
        precondition(info >= 0, "dpotri: illegal argument \(-info)")
        if info > 0 { throw LinearAlgebraError.singular(operation: "PivotedQR.inverseGram", pivot: Int(info)) }
        u.mirrorUpperToLower()
        var result = Matrix(rows: n, columns: n)
        for j in 0..<n {
            for i in 0..<n { result.storage[permutation[i] + permutation[j] * n] = u.storage[i + j * n] }
        }
        return result
    }

    /// An estimate of `1/κ₁(R)` (`dtrcon` on the leading `n × n` triangle), which estimates the
    /// reciprocal condition number of `A` itself (`κ₂(A) = κ₂(R)`; 1-norm and 2-norm differ by at
    /// most a factor `n`).
    ///
    /// - Returns: A value in [0, 1]; 0 when the factor is rank deficient.
    /// - Throws: `LinearAlgebraError.dimensionTooLarge` only.
    /// - Complexity: O(n²).
    public func reciprocalCondition() throws -> Double {
        guard rank == columns else { return 0 }
        let n32 = try lapackInt(columns, "PivotedQR.reciprocalCondition")
        let lda = try lapackInt(rows, "PivotedQR.reciprocalCondition")
        var rcond = 0.0
        let info = packed.storage.withUnsafeBufferPointer { ap in
            LAPACKE_dtrcon(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "1")), CChar(UInt8(ascii: "U")),
                           CChar(UInt8(ascii: "N")), n32, ap.baseAddress, lda, &rcond)
        }
        precondition(info == 0, "dtrcon: illegal argument \(-info)")
        return rcond
    }

    private func requireFullColumnRank(_ op: String) throws {
        guard rank == columns else {
            throw LinearAlgebraError.rankDeficient(operation: op, rank: rank, columns: columns,
                                                   dependentColumns: dependentColumns)
        }
    }
}
