import CLAPACK

/// The eigendecomposition `A = V·diag(λ)·Vᵀ` of a real symmetric matrix (LAPACK `dsyevd`,
/// divide and conquer).
///
/// Precision: eigenvalues have absolute error about `ε·‖A‖₂`; an eigenvector's angular error is
/// about `ε·‖A‖₂ / gap` (gap to the nearest other eigenvalue).
public struct SymmetricEigen: Sendable {
    /// The eigenvalues in ascending order.
    public let values: [Double]
    /// The orthonormal eigenvectors: column `k` belongs to `values[k]`.
    public let vectors: Matrix

    /// Decomposes a symmetric matrix.
    ///
    /// - Parameters:
    ///   - a: A square matrix; only its upper triangle is read.
    ///   - computeVectors: Whether to compute eigenvectors (default `true`); when `false`, `vectors` is 0 × 0.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` when `a` is not square, `.emptyInput` for 0 × 0,
    ///   `.nonFiniteInput` naming the first NaN/infinity in the upper triangle, and `.noConvergence`
    ///   when `dsyevd` fails to converge (`info > 0`).
    /// - Complexity: O(n³) flops.
    public init(_ a: Matrix, computeVectors: Bool = true) throws {
        let op = "SymmetricEigen"
        let (n, n32) = try a.checkedSymmetricUpperOrder(operation: op)
        var v = a
        var w = [Double](repeating: 0, count: n)
        let jobz = CChar(UInt8(ascii: computeVectors ? "V" : "N"))
        let info = v.storage.withUnsafeMutableBufferPointer { vp in
            w.withUnsafeMutableBufferPointer { wp in
                LAPACKE_dsyevd(LAPACK_COL_MAJOR, jobz, CChar(UInt8(ascii: "U")), n32, vp.baseAddress, n32, wp.baseAddress)
            }
        }
        precondition(info >= 0, "dsyevd: illegal argument \(-info)")
        if info > 0 { throw LinearAlgebraError.noConvergence(operation: op, info: Int(info)) }
        self.values = w
        self.vectors = computeVectors ? v : Matrix(rows: 0, columns: 0)
    }
}
