import CLAPACK

/// Linear least squares `argmin_β Σ wᵢ (yᵢ − xᵢᵀβ)²`: the one entry point for regression fits.
///
/// **Method.**
/// - `.qr` (default): Householder QR with column pivoting on the column-equilibrated design,
///   followed, when its condition estimate exceeds `refinementCondition` (100), by two steps of
///   iterative refinement on the augmented system with doubled-precision residuals. Accurate to
///   about `κ(X)·ε` where κ is the condition number of the equilibrated design; on the NIST StRD
///   linear sets it reaches an LRE of at least 7 on every certified value of the "higher
///   difficulty" sets (Filip, Wampler1–5) and at least 10 on the others (see the tests and
///   `saleskit selftest nist`).
/// - `.normalEquations`: `XᵀWX` by `dsyrk` and a Cholesky solve — half the flops of QR and one pass
///   over the data, but the error grows like `κ(X)²·ε`; one step of refinement with a
///   doubled-precision residual follows when κ exceeds `refinementCondition`.
/// - `.automatic`: the normal equations, falling back to QR by itself when the Cholesky
///   factorization fails or its condition estimate says the normal equations would lose more than
///   half of the 16 digits: `rcond(XᵀX) < √ε ≈ 1.5e-8` (`fallbackReciprocalCondition`). The
///   solution reports the method actually used.
///
/// **Scaling.** Every path first divides each column of `√W·X` by its Euclidean norm (and unscales
/// the results), so the rank test and the condition estimate do not depend on the columns' units.
/// The condition estimate reported is that of the equilibrated design.
public enum LeastSquares {
    /// How the least-squares problem is solved (see `LeastSquares`).
    public enum Method: String, Sendable, Equatable, CaseIterable {
        /// Pivoted Householder QR (accurate; default).
        case qr
        /// Normal equations by `dsyrk` + Cholesky (fast; loses digits on ill-conditioned designs).
        case normalEquations
        /// Normal equations with a fall-back to QR when they would lose more than half the digits.
        case automatic
    }

    /// The `.automatic` fall-back threshold on the reciprocal condition number of the equilibrated
    /// `XᵀWX`: `√ε ≈ 1.49e-8`. Below it the normal equations would keep fewer than half of the
    /// ~16 significant digits, so QR (which keeps about twice as many) is used instead.
    public static let fallbackReciprocalCondition = Double.ulpOfOne.squareRoot()

    /// Refinement steps on the QR path (each O(n·p)); two reach the NIST bar with a margin.
    static let refinementSteps = 2

    /// Iterative refinement runs only when the condition estimate of the equilibrated design
    /// exceeds 100: below it the unrefined error bound `κ²·ε` is under 3e-12 and refinement (a few
    /// O(n·p) passes in doubled precision, costlier than the factorization on tall designs) buys
    /// nothing measurable.
    public static let refinementCondition = 100.0

    /// Fits `response ≈ design · β` by (weighted) least squares.
    ///
    /// - Parameters:
    ///   - design: The `n × p` design matrix `X` (include a column of ones for an intercept).
    ///   - response: The `n` responses `y`.
    ///   - method: `.qr` (default), `.normalEquations` or `.automatic` (see `LeastSquares`).
    ///   - weights: Optional non-negative observation weights `w` (length `n`); rows with weight 0
    ///     do not count as observations for the degrees of freedom.
    ///   - rankTolerance: Relative tolerance of the QR rank test on the equilibrated design
    ///     (`nil`: `max(n, p)·ε`, see `PivotedQR`).
    /// - Returns: Coefficients, residuals, RSS, rank, condition estimate, method used and the unscaled
    ///   covariance `(XᵀWX)⁻¹`.
    /// - Throws: `LinearAlgebraError.emptyInput` (no rows or columns), `.dimensionMismatch`
    ///   (`response`/`weights` length ≠ n, or fewer observations with positive weight than columns),
    ///   `.nonFiniteInput` (first NaN/infinity: design at (row, column); response or weights at
    ///   (row, 0) with the operation naming which), `.invalidWeight` (negative weight), and
    ///   `.rankDeficient` naming the dependent design columns (0-based). With `.normalEquations`
    ///   only: `.notPositiveDefinite` when `XᵀWX` of a full-rank design is numerically singular
    ///   (`.automatic` switches to QR instead).
    /// - Complexity: O(n·p²) time and O(n·p) extra memory for the equilibrated copy of the design.
    public static func fit(
        design: Matrix, response: [Double], method: Method = .qr, weights: [Double]? = nil,
        rankTolerance: Double? = nil
    ) throws -> LeastSquaresSolution {
        let op = "LeastSquares.fit"
        let n = design.rows, p = design.columns
        guard n > 0, p > 0 else { throw LinearAlgebraError.emptyInput(operation: op) }
        guard response.count == n else {
            throw LinearAlgebraError.dimensionMismatch(operation: op, expected: "response of length \(n) (design rows)",
                                                       actual: "length \(response.count)")
        }
        if let (i, j) = design.firstNonFinite {
            throw LinearAlgebraError.nonFiniteInput(operation: op + " (design)", row: i, column: j)
        }
        if let i = response.firstIndex(where: { !$0.isFinite }) {
            throw LinearAlgebraError.nonFiniteInput(operation: op + " (response)", row: i, column: 0)
        }
        var observationCount = n
        if let weights {
            guard weights.count == n else {
                throw LinearAlgebraError.dimensionMismatch(operation: op, expected: "weights of length \(n) (design rows)",
                                                           actual: "length \(weights.count)")
            }
            for (i, w) in weights.enumerated() {
                if !w.isFinite { throw LinearAlgebraError.nonFiniteInput(operation: op + " (weights)", row: i, column: 0) }
                if w < 0 { throw LinearAlgebraError.invalidWeight(operation: op, index: i, value: w) }
            }
            observationCount = weights.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        }
        guard observationCount >= p else {
            throw LinearAlgebraError.dimensionMismatch(
                operation: op, expected: "at least \(p) observations (one per column) with positive weight",
                actual: "\(observationCount)")
        }

        // √W·X and √W·y, then columns divided by their norms: Xs = √W·X·D, D = diag(1/‖col‖).
        var scaled = design
        var scaledResponse = response
        if let weights {
            let roots = weights.map { $0.squareRoot() }
            scaled.storage.withUnsafeMutableBufferPointer { s in
                for j in 0..<p {
                    let base = j * n
                    for i in 0..<n { s[base + i] *= roots[i] }
                }
            }
            for i in 0..<n { scaledResponse[i] *= roots[i] }
        }
        let n32 = try lapackInt(n, op)
        var columnScale = [Double](repeating: 1, count: p)
        scaled.storage.withUnsafeMutableBufferPointer { s in
            guard let base = s.baseAddress else { return }   // n, p > 0: never nil
            for j in 0..<p {
                let column = base + j * n
                let norm = cblas_dnrm2(n32, column, 1)
                if norm > 0 && norm.isFinite {
                    // The power of two nearest 1/‖col‖: scaling by it is exact (no rounding).
                    let factor = Double(sign: .plus, exponent: -norm.exponent, significand: 1)
                    columnScale[j] = factor
                    cblas_dscal(n32, factor, column, 1)
                }
            }
        }

        let problem = ScaledProblem(design: scaled, response: scaledResponse, rankTolerance: rankTolerance)
        var core: ScaledSolution
        switch method {
        case .qr:
            core = try problem.solveByQR()
        case .normalEquations:
            core = try problem.solveByNormalEquations(fallBack: false)
        case .automatic:
            core = try problem.solveByNormalEquations(fallBack: true)
        }

        // Unscale: β = D·βs, (XᵀWX)⁻¹ = D·(XsᵀXs)⁻¹·D.
        let coefficients = (0..<p).map { core.coefficients[$0] * columnScale[$0] }
        var covariance = core.inverseGram
        for j in 0..<p {
            for i in 0..<p { covariance.storage[i + j * p] *= columnScale[i] * columnScale[j] }
        }
        var residuals = response
        try Matrix.gemv(alpha: -1, design, coefficients, beta: 1, into: &residuals)

        var rss = 0.0, weightSum = 0.0, weightedSum = 0.0, uncentred = 0.0
        for i in 0..<n {
            let w = weights?[i] ?? 1
            rss += w * residuals[i] * residuals[i]
            weightSum += w
            weightedSum += w * response[i]
            uncentred += w * response[i] * response[i]
        }
        let mean = weightedSum / weightSum
        var centred = 0.0
        for i in 0..<n {
            let d = response[i] - mean
            centred += (weights?[i] ?? 1) * d * d
        }
        return LeastSquaresSolution(
            coefficients: coefficients, residuals: residuals, residualSumOfSquares: rss,
            rank: p, observationCount: observationCount, conditionEstimate: core.conditionEstimate,
            requestedMethod: method, method: core.method, unscaledCovariance: covariance,
            centredTotalSumOfSquares: centred, uncentredTotalSumOfSquares: uncentred)
    }
}

/// The equilibrated problem `min ‖Xs·βs − ys‖` and its two solvers.
private struct ScaledProblem {
    let design: Matrix
    let response: [Double]
    let rankTolerance: Double?

    func solveByQR() throws -> ScaledSolution {
        let qr = try PivotedQR(design, tolerance: rankTolerance)
        guard qr.hasFullColumnRank else {
            throw LinearAlgebraError.rankDeficient(operation: "LeastSquares.fit", rank: qr.rank,
                                                   columns: design.columns, dependentColumns: qr.dependentColumns)
        }
        var beta = try qr.solve(response)
        let rcond = try qr.reciprocalCondition()
        if rcond < 1 / LeastSquares.refinementCondition { try refineAugmented(qr: qr, beta: &beta) }
        return ScaledSolution(coefficients: beta, inverseGram: try qr.inverseGram(),
                              conditionEstimate: rcond > 0 ? 1 / rcond : .infinity, method: .qr)
    }

    /// Iterative refinement of the least-squares solution on the augmented system
    /// `[I X; Xᵀ 0]·[r; β] = [y; 0]` (Björck, "Iterative refinement of linear least squares
    /// solutions I", BIT 7, 1967), reusing the QR factors, with the residuals `y − r − Xβ` and
    /// `−Xᵀr` computed in doubled precision. Unlike refining `β` alone, this also removes the
    /// `κ²·‖r‖` error term of problems with large residuals (Wampler5), and it converges when
    /// `κ(X)·ε < 1` (Filip's equilibrated design has κ ≈ 5e9).
    /// - Complexity: O(n·p) per step, `refinementSteps` steps.
    private func refineAugmented(qr: PivotedQR, beta: inout [Double]) throws {
        let n = design.rows, p = design.columns
        var r = CompensatedProducts.residual(response: response, minus: nil, design: design, coefficients: beta)
        for _ in 0..<LeastSquares.refinementSteps {
            let f = CompensatedProducts.residual(response: response, minus: r, design: design, coefficients: beta)
            let xtr = CompensatedProducts.transposeProduct(design: design, r)
            let g = (0..<p).map { -xtr[qr.permutation[$0]] }          // pivot order
            let h = try qr.solveR(g, transpose: true)                 // Rᵀh = g
            var d = try qr.applyQTranspose(f)                         // Qᵀf
            let deltaZ = try qr.solveR((0..<p).map { d[$0] - h[$0] }, transpose: false)
            for k in 0..<p { d[k] = h[k] }
            let deltaR = try qr.applyQ(d)
            try Vector.axpy(1, deltaR, &r)
            for k in 0..<p { beta[qr.permutation[k]] += deltaZ[k] }
            precondition(r.count == n)
        }
    }

    func solveByNormalEquations(fallBack: Bool) throws -> ScaledSolution {
        let gram = try design.gram()
        let cholesky: Cholesky
        do {
            cholesky = try Cholesky(gram)
        } catch let LinearAlgebraError.notPositiveDefinite(_, pivot) {
            // Numerically singular Gram matrix: QR either solves it (fall-back), or names the
            // dependent columns, or (full rank, but too ill-conditioned for XᵀX) the failure stands.
            if fallBack { return try solveByQR() }
            let qr = try PivotedQR(design, tolerance: rankTolerance)
            guard qr.hasFullColumnRank else {
                throw LinearAlgebraError.rankDeficient(operation: "LeastSquares.fit (normal equations)", rank: qr.rank,
                                                       columns: design.columns, dependentColumns: qr.dependentColumns)
            }
            throw LinearAlgebraError.notPositiveDefinite(
                operation: "LeastSquares.fit (normal equations: XᵀX of a full-rank but ill-conditioned design; use QR)",
                pivot: pivot)
        }
        let rcond = cholesky.reciprocalCondition()
        if fallBack && rcond < LeastSquares.fallbackReciprocalCondition { return try solveByQR() }
        let rhs = try design.multiplied(by: response, transposed: true)
        var beta = try cholesky.solve(rhs)
        if rcond < 1 / (LeastSquares.refinementCondition * LeastSquares.refinementCondition) {
            // One step of iterative refinement with the residual in doubled precision: the correction
            // solve has relative error κ(XᵀX)·ε ≤ √ε here, so the step recovers about that many digits.
            let residual = CompensatedProducts.residual(response: response, minus: nil, design: design, coefficients: beta)
            let correction = try cholesky.solve(CompensatedProducts.transposeProduct(design: design, residual))
            try Vector.axpy(1, correction, &beta)
        }
        return ScaledSolution(coefficients: beta, inverseGram: try cholesky.inverse(),
                              conditionEstimate: rcond > 0 ? (1 / rcond).squareRoot() : .infinity,
                              method: .normalEquations)
    }
}

private struct ScaledSolution {
    var coefficients: [Double]
    var inverseGram: Matrix
    var conditionEstimate: Double
    var method: LeastSquares.Method
}

/// The result of `LeastSquares.fit`.
///
/// All sums of squares are weighted when the fit was (`Σ wᵢ rᵢ²`); `residuals` are the plain
/// `y − Xβ`.
public struct LeastSquaresSolution: Sendable {
    /// The coefficients `β`, one per design column.
    public let coefficients: [Double]
    /// The residuals `y − Xβ` (unweighted), one per row.
    public let residuals: [Double]
    /// The (weighted) residual sum of squares `Σ wᵢ rᵢ²`.
    public let residualSumOfSquares: Double
    /// The numerical rank of the design (always full, `p`: a deficient design throws).
    public let rank: Int
    /// The number of observations: rows with positive weight (all rows when unweighted).
    public let observationCount: Int
    /// An estimate of the 1-norm condition number of the column-equilibrated `√W·X`: `1/rcond(R)`
    /// for QR, `√(1/rcond(XᵀWX))` for the normal equations (LAPACK estimates, within a small factor).
    public let conditionEstimate: Double
    /// The method the caller asked for.
    public let requestedMethod: LeastSquares.Method
    /// The method actually used: `.qr` or `.normalEquations` (never `.automatic`).
    public let method: LeastSquares.Method
    /// The unscaled covariance `(XᵀWX)⁻¹` (multiply by σ² for the covariance of `β`), full and symmetric.
    public let unscaledCovariance: Matrix
    /// `Σ wᵢ (yᵢ − ȳ_w)²` with the weighted mean `ȳ_w`.
    public let centredTotalSumOfSquares: Double
    /// `Σ wᵢ yᵢ²`.
    public let uncentredTotalSumOfSquares: Double

    /// Whether `.automatic` fell back from the normal equations to QR.
    public var fellBackToQR: Bool { requestedMethod == .automatic && method == .qr }

    /// Number of coefficients `p`.
    public var parameterCount: Int { coefficients.count }

    /// Residual degrees of freedom `observationCount − p`.
    public var degreesOfFreedom: Int { observationCount - coefficients.count }

    /// The residual standard deviation `s = √(RSS / (n − p))`; NaN when `n == p` (no residual
    /// degrees of freedom).
    public var residualStandardDeviation: Double {
        degreesOfFreedom > 0 ? (residualSumOfSquares / Double(degreesOfFreedom)).squareRoot() : .nan
    }

    /// The standard errors `s·√diag((XᵀWX)⁻¹)`; NaN when `n == p`.
    /// - Complexity: O(p).
    public var standardErrors: [Double] {
        let s = residualStandardDeviation
        return unscaledCovariance.diagonal.map { s * $0.squareRoot() }
    }

    /// The coefficient of determination.
    ///
    /// - Parameter centred: `true` (models with an intercept): `1 − RSS/Σw(y − ȳ)²`; `false` (models
    ///   through the origin): the uncentred `1 − RSS/Σwy²`.
    /// - Returns: R² (NaN when the total sum of squares is zero).
    public func rSquared(centred: Bool) -> Double {
        let total = centred ? centredTotalSumOfSquares : uncentredTotalSumOfSquares
        return total > 0 ? 1 - residualSumOfSquares / total : .nan
    }
}
