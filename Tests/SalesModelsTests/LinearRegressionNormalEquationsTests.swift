import Testing
import SalesModels
import SalesNumerics

/// The normal-equations fast path of `LinearRegression.fit` (`.automatic` / `.normalEquations`,
/// unweighted, no ridge): it must give what the accurate QR path gives, take the same typed errors
/// on bad input (it declines and the validating path reports them), and hand ill-conditioned
/// designs to `LeastSquares`.
@Suite("LinearRegression normal equations")
struct LinearRegressionNormalEquationsTests {
    /// y = 1.5 + Σ βⱼxⱼ + noise·N(0,1) + offset, with N(0,1)-ish features (sums of uniforms).
    private func design(rows n: Int, features m: Int, noise: Double, offset: Double = 0,
                        seed: UInt64) throws -> (Matrix, [Double]) {
        var generator = SeededGenerator(seed: seed)
        func normal() -> Double { (0..<12).reduce(0) { sum, _ in sum + generator.nextUnitDouble() } - 6 }
        let x = (0..<(n * m)).map { _ in normal() }
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var value = 1.5 + offset
            for j in 0..<m { value += 0.25 * Double(j % 7 - 3) * x[i + j * n] }
            y[i] = value + noise * normal()
        }
        return (try Matrix(rows: n, columns: m, columnMajor: x), y)
    }

    /// Everything the model reports, against the QR fit of the same data. Tolerances: both paths
    /// are accurate to ~1e-13 on these well-conditioned designs (κ of the equilibrated design < 10);
    /// 1e-10 leaves room for the RSS's cancellation of about one digit and the sums' rounding.
    private func expectAgreement(_ fast: LinearRegression, _ qr: LinearRegression, _ label: String) throws {
        #expect(fast.methodUsed == .normalEquations && qr.methodUsed == .qr, "\(label)")
        for k in qr.coefficients.indices {
            #expect(close(fast.coefficients[k], qr.coefficients[k], 1e-10), "\(label) β[\(k)]")
            #expect(close(fast.standardErrors[k], qr.standardErrors[k], 1e-10), "\(label) SE[\(k)]")
            #expect(close(try fast.robustStandardErrors(.hc3)[k], try qr.robustStandardErrors(.hc3)[k], 1e-9), "\(label) HC3[\(k)]")
        }
        #expect(close(fast.residualSumOfSquares, qr.residualSumOfSquares, 1e-10), "\(label) RSS")
        #expect(close(fast.totalSumOfSquares, qr.totalSumOfSquares, 1e-12), "\(label) TSS")
        #expect(close(fast.fStatistic, qr.fStatistic, 1e-9) && close(fast.logLikelihood, qr.logLikelihood, 1e-12))
        #expect(close(fast.conditionNumber, qr.conditionNumber, 1e-8), "\(label) condition number")
        let (fastFitted, qrFitted) = (fast.fittedValues, qr.fittedValues)
        let (fastResiduals, qrResiduals) = (fast.residuals, qr.residuals)
        #expect(fastFitted.count == qrFitted.count && fastResiduals.count == qrResiduals.count)
        for i in qrFitted.indices {
            #expect(abs(fastFitted[i] - qrFitted[i]) <= 1e-10 * (1 + abs(qrFitted[i])), "\(label) fitted[\(i)]")
            #expect(abs(fastResiduals[i] - qrResiduals[i]) <= 1e-10 * (1 + abs(qrFitted[i])), "\(label) residual[\(i)]")
        }
        // The RSS is the residuals' sum of squares whichever way it was computed.
        #expect(close(fast.residualSumOfSquares, fastResiduals.reduce(0) { $0 + $1 * $1 }, 1e-10), "\(label) RSS vs residuals")
    }

    @Test(arguments: [true, false])
    func matchesQR(intercept: Bool) throws {
        let (x, y) = try design(rows: 2_000, features: 6, noise: 1, seed: 11)
        let qr = try LinearRegression.fit(features: x, response: y, options: .init(intercept: intercept))
        for method in [LeastSquares.Method.automatic, .normalEquations] {
            let fast = try LinearRegression.fit(features: x, response: y, options: .init(intercept: intercept, method: method))
            try expectAgreement(fast, qr, "\(method), intercept \(intercept)")
        }
    }

    @Test func matchesQROnSeveralRowBlocks() throws {
        // 140,000 rows: the cross products run as two concurrent row blocks.
        let (x, y) = try design(rows: 140_000, features: 3, noise: 0.5, seed: 12)
        let qr = try LinearRegression.fit(features: x, response: y)
        try expectAgreement(try LinearRegression.fit(features: x, response: y, options: .init(method: .automatic)),
                            qr, "140k rows")
    }

    @Test func nearlyExactFitFormsTheResiduals() throws {
        // yᵀy/RSS ≈ 1e6²/1e-6²: yᵀy − βᵀXᵀy would cancel every digit, so the residuals are formed.
        let (x, y) = try design(rows: 500, features: 4, noise: 1e-6, offset: 1e6, seed: 13)
        let qr = try LinearRegression.fit(features: x, response: y)
        let fast = try LinearRegression.fit(features: x, response: y, options: .init(method: .automatic))
        #expect(fast.methodUsed == .normalEquations)
        // Residuals ~1e-6 of values ~1e6: each carries ε·1e6 ≈ 2e-10 of rounding on both sides.
        #expect(close(fast.residualSumOfSquares, qr.residualSumOfSquares, 1e-3))
        #expect(close(fast.residualSumOfSquares, fast.residuals.reduce(0) { $0 + $1 * $1 }, 1e-12))
    }

    @Test func illConditionedDesignsGoToLeastSquares() throws {
        // Longley: κ² of the equilibrated XᵀX near 1e8 (rcond < 1e-4): not the fast path.
        let ref = try #require(try RegressionFixtures.load().ols.first { $0.name == "longley" })
        let model = try LinearRegression.fit(features: matrix(ref.x), response: ref.y, options: .init(method: .automatic))
        for k in ref.params.indices { #expect(close(model.coefficients[k], ref.params[k], 1e-6), "β[\(k)]") }
        for k in ref.bse.indices { #expect(close(model.standardErrors[k], ref.bse[k], 1e-6), "SE[\(k)]") }
    }

    // Bad input under every method (constant, duplicate, too few rows, NaN/∞, length mismatch):
    // BadInputTests, parameterized over .qr, .automatic and .normalEquations.

    @Test func collinearFeaturesAreNamedUnderAutomatic() throws {
        let x: [[Double]] = [[1, 2], [2, 4], [3, 6.5], [4, 8], [5, 9.5], [6, 12]]
        let rows = x.map { [$0[0], $0[1], $0[0] + $0[1]] }
        do {
            _ = try LinearRegression.fit(features: matrix(rows), response: [1.1, 2.3, 2.9, 4.2, 5.1, 5.8],
                                         featureNames: ["size", "age", "total"], options: .init(method: .automatic))
            Issue.record("collinear design accepted")
        } catch let ModelError.collinearFeatures(dependent, rank, terms) {
            #expect(rank == 3 && terms == 4 && dependent.count == 1)
        }
    }
}
