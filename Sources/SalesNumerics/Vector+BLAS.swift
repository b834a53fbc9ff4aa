import CLAPACK

/// Level-1 BLAS on `[Double]` vectors (OpenBLAS `cblas_d*`), with the lengths checked.
///
/// A namespace rather than an extension on `Array`, so the package adds no public API to
/// standard-library types. Operands of different lengths are a programming error and trap with
/// a message; a length beyond BLAS's 32-bit integer throws `LinearAlgebraError.dimensionTooLarge`.
public enum Vector {
    /// The dot product `xᵀy` (`cblas_ddot`).
    ///
    /// - Parameters:
    ///   - x: The first vector.
    ///   - y: The second vector, same length as `x`.
    /// - Returns: `Σ x[i]·y[i]` (0 for empty vectors), with BLAS's floating-point summation order.
    /// - Precondition: the lengths are equal (a mismatch is a programming error and traps).
    /// - Throws: `LinearAlgebraError.dimensionTooLarge` beyond BLAS's 32-bit integer range.
    /// - Complexity: O(n).
    public static func dot(_ x: [Double], _ y: [Double]) throws -> Double {
        precondition(x.count == y.count,
                     "Vector.dot: expected vectors of equal length, got \(x.count) and \(y.count)")
        let n = try lapackInt(x.count, "Vector.dot")
        guard n > 0 else { return 0 }
        return x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in cblas_ddot(n, xp.baseAddress, 1, yp.baseAddress, 1) }
        }
    }

    /// `y ← alpha·x + y` (`cblas_daxpy`).
    ///
    /// - Parameters:
    ///   - alpha: The multiplier of `x`.
    ///   - x: The vector added.
    ///   - y: The vector updated in place; same length as `x`.
    /// - Precondition: the lengths are equal (a mismatch is a programming error and traps).
    /// - Throws: `LinearAlgebraError.dimensionTooLarge` beyond BLAS's 32-bit integer range.
    /// - Complexity: O(n).
    public static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) throws {
        precondition(x.count == y.count,
                     "Vector.axpy: expected vectors of equal length, got \(x.count) and \(y.count)")
        let n = try lapackInt(x.count, "Vector.axpy")
        guard n > 0 else { return }
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in cblas_daxpy(n, alpha, xp.baseAddress, 1, yp.baseAddress, 1) }
        }
    }

    /// `x ← alpha·x` (`cblas_dscal`).
    ///
    /// - Parameters:
    ///   - x: The vector scaled in place.
    ///   - alpha: The factor.
    /// - Throws: `LinearAlgebraError.dimensionTooLarge` when the length exceeds BLAS's integer range.
    /// - Complexity: O(n).
    public static func scale(_ x: inout [Double], by alpha: Double) throws {
        let n = try lapackInt(x.count, "Vector.scale")
        guard n > 0 else { return }
        x.withUnsafeMutableBufferPointer { xp in cblas_dscal(n, alpha, xp.baseAddress, 1) }
    }

    /// The Euclidean norm `‖x‖₂` (`cblas_dnrm2`, which scales to avoid overflow and underflow).
    ///
    /// - Parameter x: The vector.
    /// - Returns: `sqrt(Σ x[i]²)`, 0 for an empty vector.
    /// - Throws: `LinearAlgebraError.dimensionTooLarge` when the length exceeds BLAS's integer range.
    /// - Complexity: O(n).
    public static func norm2(_ x: [Double]) throws -> Double {
        let n = try lapackInt(x.count, "Vector.norm2")
        guard n > 0 else { return 0 }
        return x.withUnsafeBufferPointer { xp in cblas_dnrm2(n, xp.baseAddress, 1) }
    }
}
