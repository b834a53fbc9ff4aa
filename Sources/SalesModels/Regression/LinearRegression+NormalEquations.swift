import SalesNumerics

extension LinearRegression {
    /// The RSS of the normal-equations fast path is `yᵀy − βᵀXᵀy`, a difference that cancels when
    /// the fit explains nearly all of `yᵀy`: it loses about `log₁₀(yᵀy/RSS)` digits of the
    /// cross products' ~13–15. When `RSS < rssCancellationLimit · yᵀy` (more than 3 digits would be
    /// lost) the residuals are formed explicitly instead (one more O(n·p) pass), which keeps at
    /// least ~10 significant digits either way.
    static let rssCancellationLimit = 1e-3

    /// The fit of an unweighted, unpenalized model by the normal equations without touching the
    /// data more than once: `CrossProducts` gives `XᵀX` (`dsyrk`), `1ᵀX`, `Xᵀy`, `1ᵀy`, `yᵀy` in
    /// one pass (row blocks on all cores), from which the intercept-augmented `XᵀX` and `Xᵀy` are
    /// assembled; then the same power-of-two column equilibration, Cholesky factorization and
    /// condition estimate as `LeastSquares`' normal-equations path (with which it agrees to
    /// rounding), `(XᵀX)⁻¹` from the factor (O(p³), for the standard errors), the RSS as
    /// `yᵀy − βᵀXᵀy` (see `rssCancellationLimit`) and the centred TSS from one pass over `y`.
    ///
    /// No validation pass runs first: every data problem the validation would report — a NaN or
    /// infinity, a constant feature with an intercept, duplicate features, fewer rows than terms —
    /// makes the cross products non-finite or `XᵀX` singular, and then this returns `nil`. So it
    /// returns `nil` (the caller then validates and runs `LeastSquares.fit`, unchanged, which names
    /// the problem or falls back to QR) for non-finite products, a failed factorization, and
    /// `rcond(XᵀX) < 1/refinementCondition²` = 1e-4 — the cases where `LeastSquares` would refine
    /// the solution or (`.automatic`, below √ε) switch to QR, which need the design itself.
    ///
    /// - Parameters:
    ///   - features: The `n × m` features.
    ///   - response: The responses (any length: a mismatch returns `nil` and is reported by the caller).
    ///   - names: Checked feature names.
    ///   - options: `.normalEquations` or `.automatic`, no ridge penalty (the caller checks).
    /// - Returns: The model, or `nil` as above.
    /// - Throws: `ModelError.numerical` only for a LAPACK failure after a successful factorization
    ///   (not expected).
    /// - Complexity: O(n·m²) flops in `dsyrk` plus one O(n·m) pass over `X` and two over `y`;
    ///   O(p³) for the factorization, inverse and eigenvalues.
    static func normalEquationsFit(features: Matrix, response: [Double], names: [String],
                                   options: Options) throws -> LinearRegression? {
        let n = features.rows, m = features.columns
        let first = options.intercept ? 1 : 0, p = m + first
        guard m > 0, n > p, response.count == n,
              let products = try? CrossProducts(features: features, response: response), products.isFinite
        else { return nil }

        // [1 X]ᵀ[1 X] and [1 X]ᵀy.
        var gram = Matrix(rows: p, columns: p)
        var xty = [Double](repeating: 0, count: p)
        for j in 0..<m {
            for i in 0..<m { gram.storage[(first + i) + (first + j) * p] = products.gram.storage[i + j * m] }
            xty[first + j] = products.crossResponse[j]
        }
        if first == 1 {
            gram.storage[0] = Double(n)
            for j in 0..<m {
                gram.storage[(j + 1) * p] = products.columnSums[j]
                gram.storage[j + 1] = products.columnSums[j]
            }
            xty[0] = products.responseSum
        }

        // Equilibration as in LeastSquares: the power of two nearest 1/‖column‖ (exact scaling).
        var scale = [Double](repeating: 1, count: p)
        for j in 0..<p {
            let norm = gram.storage[j + j * p].squareRoot()
            if norm > 0 && norm.isFinite { scale[j] = Double(sign: .plus, exponent: -norm.exponent, significand: 1) }
        }
        var scaledGram = gram
        for j in 0..<p { for i in 0..<p { scaledGram.storage[i + j * p] *= scale[i] * scale[j] } }
        guard let cholesky = try? Cholesky(scaledGram) else { return nil }
        let rcond = cholesky.reciprocalCondition()
        guard rcond >= 1 / (LeastSquares.refinementCondition * LeastSquares.refinementCondition) else { return nil }

        let design = RegressionDesign(wellConditionedFeatures: features, names: names, intercept: options.intercept)
        do {
            let scaledRHS = (0..<p).map { xty[$0] * scale[$0] }
            let scaledBeta = try cholesky.solve(scaledRHS)
            let coefficients = (0..<p).map { scaledBeta[$0] * scale[$0] }
            var inverse = try cholesky.inverse()
            for j in 0..<p { for i in 0..<p { inverse.storage[i + j * p] *= scale[i] * scale[j] } }

            // RSS = yᵀy − βᵀXᵀy (the Schur complement of XᵀX in the Gram matrix of [X y]).
            var explained = 0.0
            for k in 0..<p { explained += scaledBeta[k] * scaledRHS[k] }
            var rss = products.responseSquares - explained
            var fitted: [Double]?
            if !(rss >= rssCancellationLimit * products.responseSquares) {
                let values = computeFittedValues(design: design, coefficients: coefficients)
                rss = 0
                for i in 0..<n {
                    let r = response[i] - values[i]
                    rss += r * r
                }
                fitted = values
            }
            var tss = products.responseSquares
            if first == 1 {
                let mean = products.responseSum / Double(n)
                tss = 0
                for y in response {
                    let d = y - mean
                    tss += d * d
                }
            }
            return LinearRegression(
                options: options, termNames: design.termNames, featureNames: design.featureNames,
                coefficients: coefficients, residualSumOfSquares: rss, totalSumOfSquares: tss,
                observationCount: n, methodUsed: .normalEquations,
                conditionNumber: try eigenConditionNumber(gram), scaledConditionEstimate: (1 / rcond).squareRoot(),
                design: design, response: response, keptFittedValues: fitted,
                bread: inverse, unscaledCovariance: inverse)
        } catch let error as LinearAlgebraError {
            throw ModelError.numerical(error)
        }
    }
}
