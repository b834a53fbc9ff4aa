import CLAPACK
import RealModule

/// The Cholesky factorization `A = UᵀU` of a symmetric positive definite matrix (LAPACK `dpotrf`).
///
/// Only the upper triangle of the input is read. The 1-norm of `A` is computed (`dlansy`) before
/// factoring, so `reciprocalCondition()` can estimate `1/κ₁(A)` from the factor (`dpocon`).
///
/// Precision: `dpotrf` is backward stable; a solve has relative forward error about
/// `κ(A)·ε` (ε = 2.2e-16), so check `reciprocalCondition()` when the input may be ill-conditioned.
public struct Cholesky: Sendable {
    /// The upper-triangular factor `U` (`A = UᵀU`); the strictly lower triangle is zero.
    public let factor: Matrix
    /// The 1-norm of the factored matrix `A` (largest absolute column sum), from `dlansy`.
    public let oneNorm: Double

    /// The order `n` of the factored `n × n` matrix.
    public var order: Int { factor.rows }

    /// Factors a symmetric positive definite matrix.
    ///
    /// - Parameter a: A square matrix; only its upper triangle is used (the lower is assumed to mirror it).
    /// - Throws: `LinearAlgebraError.dimensionMismatch` when `a` is not square, `.emptyInput` for a
    ///   0 × 0 matrix, `.nonFiniteInput` naming the first NaN/infinity in the upper triangle, and
    ///   `.notPositiveDefinite(pivot:)` when the leading minor of that (1-based) order is not positive.
    /// - Complexity: O(n³/3) flops.
    public init(_ a: Matrix) throws {
        let op = "Cholesky"
        let (_, n32) = try a.checkedSymmetricUpperOrder(operation: op)
        var u = a
        let norm = u.storage.withUnsafeBufferPointer { p in
            LAPACKE_dlansy(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "1")), CChar(UInt8(ascii: "U")), n32, p.baseAddress, n32)
        }
        let info = u.storage.withUnsafeMutableBufferPointer { p in
            LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), n32, p.baseAddress, n32)
        }
        precondition(info >= 0, "dpotrf: illegal argument \(-info)")
        if info > 0 { throw LinearAlgebraError.notPositiveDefinite(operation: op, pivot: Int(info)) }
        u.zeroStrictlyLower()
        self.factor = u
        self.oneNorm = norm
    }

    /// Solves `A·x = b` for one right-hand side (`dpotrs`).
    ///
    /// - Parameter b: The right-hand side, of length `order`.
    /// - Returns: `x = A⁻¹b`; relative error about `κ(A)·ε`.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` when `b.count != order`.
    /// - Complexity: O(n²).
    public func solve(_ b: [Double]) throws -> [Double] {
        let rhs = try Matrix(rows: b.count, columns: 1, columnMajor: b)
        return try solve(rhs).storage
    }

    /// Solves `A·X = B` for several right-hand sides at once (`dpotrs`).
    ///
    /// - Parameter b: The right-hand sides, `order × k`.
    /// - Returns: `X = A⁻¹B`.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` when `b.rows != order`.
    /// - Complexity: O(n²·k).
    public func solve(_ b: Matrix) throws -> Matrix {
        let op = "Cholesky.solve"
        guard b.rows == order else {
            throw LinearAlgebraError.dimensionMismatch(operation: op, expected: "\(order) rows",
                                                       actual: "\(b.rows) × \(b.columns)")
        }
        var x = b
        guard b.columns > 0 else { return x }
        let n32 = try lapackInt(order, op), k32 = try lapackInt(b.columns, op)
        let info = factor.storage.withUnsafeBufferPointer { up in
            x.storage.withUnsafeMutableBufferPointer { xp in
                LAPACKE_dpotrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), n32, k32, up.baseAddress, n32,
                               xp.baseAddress, n32)
            }
        }
        precondition(info == 0, "dpotrs: illegal argument \(-info)")
        return x
    }

    /// An estimate of the reciprocal 1-norm condition number `1/(‖A‖₁·‖A⁻¹‖₁)` (`dpocon`).
    ///
    /// - Returns: A value in [0, 1]; near ε (2.2e-16) the matrix is numerically singular. LAPACK's
    ///   estimator is usually within a factor of 3 of the true value and never overestimates `‖A⁻¹‖₁`
    ///   by design, so the returned value is at least the true reciprocal condition up to that factor.
    /// - Complexity: O(n²).
    public func reciprocalCondition() -> Double {
        let n32 = Int32(truncatingIfNeeded: order)  // fits: checked when factoring
        var rcond = 0.0
        let info = factor.storage.withUnsafeBufferPointer { up in
            LAPACKE_dpocon(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), n32, up.baseAddress, n32, oneNorm, &rcond)
        }
        precondition(info == 0, "dpocon: illegal argument \(-info)")
        return rcond
    }

    /// The inverse `A⁻¹` as a full symmetric matrix (`dpotri`, then mirrored).
    ///
    /// - Returns: `A⁻¹`; relative error about `κ(A)·ε`.
    /// - Throws: `LinearAlgebraError.singular(pivot:)` if a diagonal element of `U` is exactly zero
    ///   (cannot happen after a successful `dpotrf`, kept as a typed error rather than a trap).
    /// - Complexity: O(2n³/3) flops.
    public func inverse() throws -> Matrix {
        var inv = factor
        let n32 = Int32(truncatingIfNeeded: order)
        let info = inv.storage.withUnsafeMutableBufferPointer { p in
            LAPACKE_dpotri(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), n32, p.baseAddress, n32)
        }
        precondition(info >= 0, "dpotri: illegal argument \(-info)")
        if info > 0 { throw LinearAlgebraError.singular(operation: "Cholesky.inverse", pivot: Int(info)) }
        inv.mirrorUpperToLower()
        return inv
    }

    /// The quadratic forms `xᵢᵀA⁻¹xᵢ` for every row `xᵢ` of `x`: the diagonal of `X·A⁻¹·Xᵀ`
    /// (leverages of a hat matrix when `A = XᵀX`), from `B = X·U⁻¹` (`cblas_dtrsm`) and the
    /// squared row norms of `B`, without forming `A⁻¹` or the `n × n` product.
    ///
    /// - Parameter x: An `m × order` matrix.
    /// - Returns: `m` non-negative values; relative error about `κ(A)·ε`.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` when `x.columns != order`.
    /// - Complexity: O(m·n²) flops (one triangular solve with `m` right-hand sides).
    public func inverseQuadraticForms(rows x: Matrix) throws -> [Double] {
        let op = "Cholesky.inverseQuadraticForms"
        guard x.columns == order else {
            throw LinearAlgebraError.dimensionMismatch(operation: op, expected: "\(order) columns",
                                                       actual: "\(x.rows) × \(x.columns)")
        }
        let m = x.rows, n = order
        guard m > 0 else { return [] }
        let m32 = try lapackInt(m, op), n32 = try lapackInt(n, op)
        var b = x
        factor.storage.withUnsafeBufferPointer { up in
            b.storage.withUnsafeMutableBufferPointer { bp in
                cblas_dtrsm(CblasColMajor, CblasRight, CblasUpper, CblasNoTrans, CblasNonUnit, m32, n32, 1,
                            up.baseAddress, n32, bp.baseAddress, m32)
            }
        }
        var result = [Double](repeating: 0, count: m)
        b.storage.withUnsafeBufferPointer { bp in
            for j in 0..<n {
                let base = j * m
                for i in 0..<m { result[i] += bp[base + i] * bp[base + i] }
            }
        }
        return result
    }

    /// `log det A = 2·Σ log U_ii`, computed without forming the determinant (no overflow).
    ///
    /// - Complexity: O(n).
    public var logDeterminant: Double {
        var sum = 0.0
        for i in 0..<order { sum += Double.log(factor.storage[i + i * order]) }
        return 2 * sum
    }
}
