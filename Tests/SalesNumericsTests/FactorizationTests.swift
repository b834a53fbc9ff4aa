import Foundation
import Testing
import SalesNumerics

/// The n × n Hilbert matrix H_ij = 1/(i + j + 1) (0-based), the classic ill-conditioned test matrix.
func hilbert(_ n: Int) -> Matrix {
    var h = Matrix(rows: n, columns: n)
    for i in 0..<n { for j in 0..<n { h[i, j] = 1 / Double(i + j + 1) } }
    return h
}

@Suite("Cholesky")
struct CholeskyTests {
    @Test func solveAndFactorOfAKnownMatrix() throws {
        // A = UᵀU with U = [[2, 1], [0, 3]]  →  A = [[4, 2], [2, 10]].
        let a = try Matrix(rowArrays: [[4, 2], [2, 10]])
        let chol = try Cholesky(a)
        #expect(chol.factor == (try Matrix(rowArrays: [[2, 1], [0, 3]])))
        // A·[1, 2] = [8, 22]
        let x = try chol.solve([8, 22])
        #expect(abs(x[0] - 1) < 1e-15 && abs(x[1] - 2) < 1e-15)
        #expect(abs(chol.logDeterminant - log(36)) < 1e-14)              // det = 4·10 − 2·2
    }

    /// The exact inverse of the 4 × 4 Hilbert matrix has integer entries (Higham, "Accuracy and
    /// Stability of Numerical Algorithms", §28.1; also MATLAB `invhilb(4)`); det H₄ = 1/6048000.
    @Test func hilbertInverseDeterminantAndCondition() throws {
        let chol = try Cholesky(hilbert(4))
        let exact: [[Double]] = [[16, -120, 240, -140], [-120, 1200, -2700, 1680],
                                 [240, -2700, 6480, -4200], [-140, 1680, -4200, 2800]]
        let inverse = try chol.inverse()
        for i in 0..<4 {
            for j in 0..<4 {
                // κ(H₄) ≈ 2.8e4, so about 1e-11 relative error is the expected accuracy.
                #expect(abs(inverse[i, j] - exact[i][j]) <= 1e-10 * abs(exact[i][j]))
            }
        }
        #expect(abs(chol.logDeterminant + log(6_048_000)) < 1e-11)
        // κ₁(H₄) = ‖H₄‖₁·‖H₄⁻¹‖₁ = (25/12)·13620 = 28375 exactly; dpocon's estimate may be low by
        // at most a factor of 3 in theory and is exact on Hilbert matrices in practice.
        let rcond = chol.reciprocalCondition()
        #expect(rcond <= 1 / 28375 * (1 + 1e-9) && rcond >= 1 / (3 * 28375))
        #expect(abs(chol.oneNorm - 25.0 / 12) < 1e-15)
    }

    /// κ₁(H₅) = 943656 (MATLAB `cond(hilb(5), 1)`; ‖H₅‖₁ = 137/60, ‖H₅⁻¹‖₁ = 413280).
    @Test func hilbertFiveReciprocalCondition() throws {
        let rcond = try Cholesky(hilbert(5)).reciprocalCondition()
        #expect(abs(rcond * 943_656 - 1) < 1e-6)
    }

    @Test func multipleRightHandSides() throws {
        let chol = try Cholesky(try Matrix(rowArrays: [[4, 2], [2, 10]]))
        let x = try chol.solve(try Matrix(rowArrays: [[8, 4], [22, 2]]))   // columns: A·[1,2], A·[1,0]
        #expect(abs(x[0, 0] - 1) < 1e-15 && abs(x[1, 0] - 2) < 1e-15)
        #expect(abs(x[0, 1] - 1) < 1e-15 && abs(x[1, 1]) < 1e-15)
        #expect(throws: LinearAlgebraError.self) { try chol.solve([1, 2, 3]) }
    }

    @Test func notPositiveDefiniteNamesThePivot() throws {
        // [[1, 2], [2, 1]] has eigenvalues 3 and −1: the leading minor of order 2 is −3.
        #expect(throws: LinearAlgebraError.notPositiveDefinite(operation: "Cholesky", pivot: 2)) {
            try Cholesky(try Matrix(rowArrays: [[1, 2], [2, 1]]))
        }
    }

    @Test func badShapesAndValuesThrow() throws {
        #expect(throws: LinearAlgebraError.self) { try Cholesky(Matrix(rows: 2, columns: 3)) }
        #expect(throws: LinearAlgebraError.emptyInput(operation: "Cholesky")) { try Cholesky(Matrix(rows: 0, columns: 0)) }
        #expect(throws: LinearAlgebraError.nonFiniteInput(operation: "Cholesky", row: 0, column: 1)) {
            try Cholesky(try Matrix(rowArrays: [[1, .nan], [.nan, 1]]))
        }
    }
}

@Suite("Pivoted QR")
struct PivotedQRTests {
    @Test func solvesAnOverdeterminedSystem() throws {
        // y = 1 + 2x exactly at x = 0…4.
        let x = try Matrix(rowArrays: (0..<5).map { [1, Double($0)] })
        let qr = try PivotedQR(x)
        #expect(qr.rank == 2 && qr.hasFullColumnRank && qr.dependentColumns.isEmpty)
        let beta = try qr.solve((0..<5).map { 1 + 2 * Double($0) })
        #expect(abs(beta[0] - 1) < 1e-14 && abs(beta[1] - 2) < 1e-14)
        // (XᵀX)⁻¹ for XᵀX = [[5, 10], [10, 30]]: [[30, −10], [−10, 5]] / 50.
        let inv = try qr.inverseGram()
        #expect(abs(inv[0, 0] - 0.6) < 1e-14 && abs(inv[0, 1] + 0.2) < 1e-14 && abs(inv[1, 1] - 0.1) < 1e-14)
        #expect(try qr.reciprocalCondition() > 0)
    }

    @Test func duplicatedColumnIsNamed() throws {
        // Columns: 1, x, x², x (column 3 duplicates column 1).
        let rows = (0..<8).map { i -> [Double] in let x = Double(i); return [1, x, x * x, x] }
        let qr = try PivotedQR(try Matrix(rowArrays: rows))
        #expect(qr.rank == 3)
        let dependent = qr.dependentColumns
        #expect(dependent.count == 1 && (dependent == [1] || dependent == [3]))
        #expect(throws: LinearAlgebraError.self) { try qr.solve([Double](repeating: 1, count: 8)) }
        #expect(throws: LinearAlgebraError.self) { try qr.inverseGram() }
    }

    @Test func zeroColumnIsDependent() throws {
        let qr = try PivotedQR(try Matrix(rowArrays: [[1, 0, 2], [3, 0, 1], [4, 0, 5], [1, 0, 1]]))
        #expect(qr.rank == 2 && qr.dependentColumns == [1])
    }
}

@Suite("Symmetric eigendecomposition")
struct SymmetricEigenTests {
    /// The second-difference matrix tridiag(−1, 2, −1) of order 3 has eigenvalues
    /// 2 − 2cos(kπ/4), k = 1, 2, 3: 2 − √2, 2, 2 + √2.
    @Test func secondDifferenceMatrix() throws {
        let a = try Matrix(rowArrays: [[2, -1, 0], [-1, 2, -1], [0, -1, 2]])
        let eigen = try SymmetricEigen(a)
        let expected = [2 - 2.0.squareRoot(), 2, 2 + 2.0.squareRoot()]
        for k in 0..<3 { #expect(abs(eigen.values[k] - expected[k]) < 1e-14) }
        // A·v = λ·v for every pair, and the eigenvector of 2 is ±(1, 0, −1)/√2.
        for k in 0..<3 {
            let v = eigen.vectors.column(k)
            let av = try a.multiplied(by: v)
            for i in 0..<3 { #expect(abs(av[i] - eigen.values[k] * v[i]) < 1e-14) }
        }
        let middle = eigen.vectors.column(1)
        #expect(abs(abs(middle[0]) - 0.5.squareRoot()) < 1e-14 && abs(middle[1]) < 1e-14)
        #expect(abs(middle[0] + middle[2]) < 1e-14)
    }

    @Test func valuesOnly() throws {
        let eigen = try SymmetricEigen(try Matrix(rowArrays: [[2, 1], [1, 2]]), computeVectors: false)
        #expect(abs(eigen.values[0] - 1) < 1e-15 && abs(eigen.values[1] - 3) < 1e-15)
        #expect(eigen.vectors.rows == 0)
    }

    @Test func badInputThrows() throws {
        #expect(throws: LinearAlgebraError.self) { try SymmetricEigen(Matrix(rows: 2, columns: 1)) }
        #expect(throws: LinearAlgebraError.emptyInput(operation: "SymmetricEigen")) {
            try SymmetricEigen(Matrix(rows: 0, columns: 0))
        }
        #expect(throws: LinearAlgebraError.nonFiniteInput(operation: "SymmetricEigen", row: 1, column: 1)) {
            try SymmetricEigen(try Matrix(rowArrays: [[1, 0], [0, .infinity]]))
        }
    }
}

@Suite("Cholesky quadratic forms")
struct CholeskyQuadraticFormTests {
    /// Leverages of the simple-regression design [1, x] at x = 0…4: hᵢ = 1/n + (xᵢ − x̄)²/Sxx
    /// = 0.2 + (xᵢ − 2)²/10 (closed form).
    @Test func leveragesOfASimpleRegression() throws {
        let x = try Matrix(rowArrays: (0..<5).map { [1, Double($0)] })
        let h = try Cholesky(x.gram()).inverseQuadraticForms(rows: x)
        for i in 0..<5 {
            let expected = 0.2 + Double((i - 2) * (i - 2)) / 10
            #expect(abs(h[i] - expected) < 1e-15)
        }
        #expect(throws: LinearAlgebraError.self) { try Cholesky(x.gram()).inverseQuadraticForms(rows: Matrix(rows: 2, columns: 3)) }
    }
}
