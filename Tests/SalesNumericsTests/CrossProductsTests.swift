import Testing
import SalesNumerics

/// `CrossProducts` against plain loops in the test. The data are small integers, so every sum is
/// exact in any order: the blocked, concurrent products must equal the loops exactly.
@Suite("CrossProducts")
struct CrossProductsTests {
    /// An `n × m` matrix and a response of integers in −5…5 from a seeded generator.
    private func data(rows n: Int, columns m: Int, seed: UInt64) throws -> (Matrix, [Double]) {
        var generator = SeededGenerator(seed: seed)
        let x = (0..<(n * m)).map { _ in Double(generator.nextInt(below: 11)) - 5 }
        let y = (0..<n).map { _ in Double(generator.nextInt(below: 11)) - 5 }
        return (try Matrix(rows: n, columns: m, columnMajor: x), y)
    }

    private func check(rows n: Int, columns m: Int) throws {
        let (x, y) = try data(rows: n, columns: m, seed: UInt64(n + m))
        let products = try CrossProducts(features: x, response: y)
        for j in 0..<m {
            for k in 0..<m {
                var g = 0.0
                for i in 0..<n { g += x[i, j] * x[i, k] }
                #expect(products.gram[j, k] == g, "XᵀX[\(j), \(k)] with n = \(n)")
            }
            var sum = 0.0, cross = 0.0
            for i in 0..<n { sum += x[i, j]; cross += x[i, j] * y[i] }
            #expect(products.columnSums[j] == sum && products.crossResponse[j] == cross, "column \(j), n = \(n)")
        }
        #expect(products.responseSum == y.reduce(0, +))
        #expect(products.responseSquares == y.reduce(0) { $0 + $1 * $1 })
        #expect(products.rows == n && products.isFinite)
    }

    @Test func equalsPlainLoopsOnOneBlock() throws {
        try check(rows: 1_003, columns: 4)     // 1,003 = 4·250 + 3: the scalar tail runs too
    }

    @Test func equalsPlainLoopsOnSeveralBlocks() throws {
        try check(rows: 200_003, columns: 3)   // 3 blocks of 65,536+ rows, uneven split
    }

    @Test func noColumnsLeavesTheResponseSums() throws {
        let products = try CrossProducts(features: Matrix(rows: 3, columns: 0), response: [1, 2, 3])
        #expect(products.gram.rows == 0 && products.columnSums.isEmpty)
        #expect(products.responseSum == 6 && products.responseSquares == 14)
    }

    @Test func nonFiniteValuesShowInIsFinite() throws {
        var (x, y) = try data(rows: 100, columns: 3, seed: 7)
        #expect(try CrossProducts(features: x, response: y).isFinite)
        x[57, 2] = .nan
        #expect(try !CrossProducts(features: x, response: y).isFinite)
        x[57, 2] = -.infinity
        #expect(try !CrossProducts(features: x, response: y).isFinite)
        x[57, 2] = 1
        y[99] = .infinity
        #expect(try !CrossProducts(features: x, response: y).isFinite)
    }

    @Test func responseLengthMismatchThrows() throws {
        #expect(throws: LinearAlgebraError.self) {
            try CrossProducts(features: Matrix(rows: 3, columns: 2), response: [1, 2])
        }
    }
}
