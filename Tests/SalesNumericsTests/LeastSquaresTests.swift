import Testing
import SalesNumerics

@Suite("LeastSquares.fit")
struct LeastSquaresTests {
    /// y = 2 + 3x + noise with a fixed, hand-picked noise vector; a well-conditioned design.
    static let x: [Double] = [0, 1, 2, 3, 4, 5, 6, 7]
    static let y: [Double] = [2.1, 4.9, 8.2, 10.8, 14.1, 17.0, 19.9, 23.2]
    static func design() throws -> Matrix { try Matrix(rowArrays: x.map { [1, $0] }) }

    @Test func methodsAgreeOnAWellConditionedDesign() throws {
        let qr = try LeastSquares.fit(design: Self.design(), response: Self.y)
        let ne = try LeastSquares.fit(design: Self.design(), response: Self.y, method: .normalEquations)
        let auto = try LeastSquares.fit(design: Self.design(), response: Self.y, method: .automatic)
        #expect(qr.method == .qr && ne.method == .normalEquations)
        #expect(auto.method == .normalEquations && !auto.fellBackToQR)
        // Closed form of simple regression, in exact rational arithmetic (Python `fractions`):
        // Sxx = 42, Sxy = 126.2, slope = 126.2/42, intercept = ȳ − slope·x̄ = 12.525 − 3.5·slope.
        let slope = 126.2 / 42, intercept = 12.525 - slope * 3.5
        for fit in [qr, ne, auto] {
            #expect(abs(fit.coefficients[1] - slope) < 1e-13)
            #expect(abs(fit.coefficients[0] - intercept) < 1e-13)
            #expect(fit.degreesOfFreedom == 6 && fit.rank == 2)
            #expect(abs(fit.unscaledCovariance[1, 1] - 1 / 42) < 1e-15)
            let rss = fit.residuals.reduce(0) { $0 + $1 * $1 }
            #expect(abs(fit.residualSumOfSquares - rss) < 1e-13)
        }
    }

    /// Weights w equal to repeating rows w times: weighting row 0 by 3 must match duplicating it.
    @Test func weightsActLikeRepeatedRows() throws {
        var weights = [Double](repeating: 1, count: Self.x.count)
        weights[0] = 3
        weights[5] = 0
        let weighted = try LeastSquares.fit(design: Self.design(), response: Self.y, weights: weights)
        var rows = Self.x.map { [1, $0] }, ys = Self.y
        rows.remove(at: 5); ys.remove(at: 5)
        rows += [[1, 0], [1, 0]]; ys += [2.1, 2.1]
        let repeated = try LeastSquares.fit(design: Matrix(rowArrays: rows), response: ys)
        for k in 0..<2 { #expect(abs(weighted.coefficients[k] - repeated.coefficients[k]) < 1e-13) }
        #expect(abs(weighted.residualSumOfSquares - repeated.residualSumOfSquares) < 1e-13)
        #expect(weighted.observationCount == 7)   // the zero-weight row does not count
    }

    /// Two nearly collinear columns (differing by 1e-7 relative): κ ≈ 1e7 after equilibration, so
    /// rcond(XᵀX) ≈ 1e-14 < √ε and `.automatic` must switch to QR and say so.
    @Test func automaticFallsBackOnAnIllConditionedDesign() throws {
        let n = 20
        var generator = SeededGenerator(seed: 7)
        let rows = (0..<n).map { _ -> [Double] in
            let u = generator.nextUnitDouble()
            return [1, u, u + 1e-7 * generator.nextUnitDouble()]
        }
        let response = rows.map { 1 + $0[1] + $0[2] }
        let fit = try LeastSquares.fit(design: Matrix(rowArrays: rows), response: response, method: .automatic)
        #expect(fit.method == .qr && fit.fellBackToQR)
        #expect(fit.conditionEstimate > 1e6)
        for (k, b) in fit.coefficients.enumerated() { #expect(abs(b - 1) < 1e-6, "β\(k) = \(b)") }
    }

    @Test func duplicateColumnIsNamed() throws {
        let rows = Self.x.map { [1, $0, $0 * $0, $0] }
        for method in LeastSquares.Method.allCases {
            do {
                _ = try LeastSquares.fit(design: Matrix(rowArrays: rows), response: Self.y, method: method)
                Issue.record("rank-deficient design accepted by \(method)")
            } catch let LinearAlgebraError.rankDeficient(_, rank, columns, dependent) {
                #expect(rank == 3 && columns == 4)
                #expect(dependent == [1] || dependent == [3], "\(method): \(dependent)")
            }
        }
    }

    @Test func badInputThrowsTypedErrors() throws {
        let design = try Self.design()
        #expect(throws: LinearAlgebraError.emptyInput(operation: "LeastSquares.fit")) {
            try LeastSquares.fit(design: Matrix(rows: 0, columns: 2), response: [])
        }
        #expect(throws: LinearAlgebraError.self) { try LeastSquares.fit(design: design, response: [1, 2, 3]) }
        var bad = Self.y
        bad[4] = .nan
        #expect(throws: LinearAlgebraError.nonFiniteInput(operation: "LeastSquares.fit (response)", row: 4, column: 0)) {
            try LeastSquares.fit(design: design, response: bad)
        }
        var badDesign = design
        badDesign[6, 1] = .infinity
        #expect(throws: LinearAlgebraError.nonFiniteInput(operation: "LeastSquares.fit (design)", row: 6, column: 1)) {
            try LeastSquares.fit(design: badDesign, response: Self.y)
        }
        var weights = [Double](repeating: 1, count: 8)
        weights[2] = -1
        #expect(throws: LinearAlgebraError.invalidWeight(operation: "LeastSquares.fit", index: 2, value: -1)) {
            try LeastSquares.fit(design: design, response: Self.y, weights: weights)
        }
        #expect(throws: LinearAlgebraError.self) {
            try LeastSquares.fit(design: design, response: Self.y, weights: [Double](repeating: 0, count: 8))
        }
        #expect(throws: LinearAlgebraError.self) {
            try LeastSquares.fit(design: design, response: Self.y, weights: [1, 2])
        }
        // n < p: 2 rows, 3 columns.
        #expect(throws: LinearAlgebraError.self) {
            try LeastSquares.fit(design: Matrix(rowArrays: [[1, 2, 3], [4, 5, 7]]), response: [1, 2])
        }
    }

    @Test func errorDescriptionsNameTheProblem() {
        let error = LinearAlgebraError.rankDeficient(operation: "LeastSquares.fit", rank: 3, columns: 4, dependentColumns: [3])
        #expect(error.description.contains("dependent columns: [3]"))
    }
}
