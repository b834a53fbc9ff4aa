/// Unconstrained Newton's method with a modified-Cholesky step and a backtracking line search.
///
/// ## Algorithm
/// At each iterate the step solves `(H + τI) d = −∇f` by Cholesky (LAPACK `dpotrf`/`dpotrs`),
/// with `τ = 0` when `H` is positive definite and otherwise the Levenberg-style shift of Nocedal &
/// Wright (*Numerical Optimization*, 2nd ed., Algorithm 3.3): start from `τ = β − min Hᵢᵢ`
/// (or `β`), `β = 10⁻³ max(1, max |Hᵢᵢ|)`, doubling up to 64 times. When no shift works or the
/// Hessian is not finite, the step is steepest descent. A backtracking Armijo search from `α = 1`
/// (safeguarded quadratic interpolation; a non-finite trial halves α) accepts the step; if the
/// Newton direction fails it is retried along steepest descent. On a strictly convex function this
/// converges quadratically near the minimum.
///
/// ## Stopping rules
/// As `LBFGSB` without bounds: `‖∇f‖∞ ≤ gradientTolerance`, the iteration and evaluation caps,
/// the relative function decrease, the step length, and `lineSearchFailed` / `nonFiniteValue`.
public enum NewtonMethod {
    /// Minimizes a twice-differentiable function with an analytic gradient and Hessian.
    ///
    /// - Parameters:
    ///   - start: The initial point (finite).
    ///   - options: Stopping rules (`memory` is unused).
    ///   - objective: Returns `f(x)`, writes `∇f(x)` into `gradient` (arrives with `x.count`
    ///     elements) and the Hessian into `hessian` (arrives as an `n × n` zero matrix; only its
    ///     lower triangle is read). May return NaN or ±∞ where `f` is undefined.
    /// - Returns: The final point, value, gradient (`gradientNorm` is ‖∇f‖∞) and stopping reason.
    ///   Near a non-degenerate minimum, `‖x − x*‖ ≈ ‖∇f‖ / λ_min(H)`.
    /// - Throws: `OptimizationError` for an empty or non-finite start, a gradient or Hessian of the
    ///   wrong size, or a non-finite value, gradient or Hessian at the start;
    ///   `LinearAlgebraError.dimensionTooLarge` when `n` exceeds LAPACK's 32-bit integers.
    /// - Complexity: O(n³) per iteration for the factorization, plus one objective evaluation
    ///   (value, gradient and Hessian) per line-search trial; memory O(n²).
    public static func minimize(
        start: [Double], options: OptimizationOptions = .init(),
        objective: (_ x: [Double], _ gradient: inout [Double], _ hessian: inout Matrix) -> Double
    ) throws -> OptimizationResult {
        let box = try BoxConstraints(start: start, lower: nil, upper: nil)
        let n = start.count
        _ = try lapackInt(n, "NewtonMethod.minimize")
        var x = start
        var g = [Double](repeating: 0, count: n)
        var h = Matrix(rows: n, columns: n)
        var f = objective(x, &g, &h)
        var evaluations = 1
        guard g.count == n else {
            throw OptimizationError.dimensionMismatch(argument: "gradient", expected: n, actual: g.count)
        }
        guard h.rows == n, h.columns == n else {
            throw OptimizationError.dimensionMismatch(argument: "hessian", expected: n * n, actual: h.rows * h.columns)
        }
        guard f.isFinite else { throw OptimizationError.nonFiniteAtStart(quantity: "value", index: nil) }
        if let i = g.firstIndex(where: { !$0.isFinite }) {
            throw OptimizationError.nonFiniteAtStart(quantity: "gradient", index: i)
        }
        if let i = h.storage.firstIndex(where: { !$0.isFinite }) {
            throw OptimizationError.nonFiniteAtStart(quantity: "hessian", index: i)
        }
        var iterations = 0

        func finish(_ reason: OptimizationStopReason) -> OptimizationResult {
            OptimizationResult(
                x: x, value: f, gradient: g, gradientNorm: g.reduce(0) { Swift.max($0, abs($1)) },
                iterations: iterations, functionEvaluations: evaluations, stopReason: reason)
        }

        while true {
            if g.reduce(0, { Swift.max($0, abs($1)) }) <= options.gradientTolerance {
                return finish(.gradientTolerance)
            }
            if iterations >= options.maxIterations { return finish(.maxIterations) }
            if evaluations >= options.maxFunctionEvaluations { return finish(.maxFunctionEvaluations) }

            var trialHessian = h
            var accepted: (x: [Double], value: Double, gradient: [Double])? = nil
            var newtonDirection = shiftedCholeskySolve(hessian: h, gradient: g)
            for _ in 0..<2 {
                let d: [Double]
                var initialStep = 1.0
                if let direction = newtonDirection {
                    d = direction
                } else {
                    d = g.map { -$0 }
                    let norm2 = g.reduce(0) { $0 + $1 * $1 }.squareRoot()
                    initialStep = norm2 > 1 ? 1 / norm2 : 1
                }
                let outcome = ProjectedLineSearch.search(
                    x: x, value: f, gradient: g, direction: d, initialStep: initialStep, box: box,
                    options: options, evaluations: &evaluations
                ) { point, gradient in
                    trialHessian = Matrix(rows: n, columns: n)
                    let value = objective(point, &gradient, &trialHessian)
                    guard trialHessian.rows == n, trialHessian.columns == n else { return .nan }
                    return value
                }
                switch outcome {
                case let .accepted(xNew, fNew, gNew):
                    accepted = (xNew, fNew, gNew)
                case .budgetExhausted:
                    return finish(.maxFunctionEvaluations)
                case let .failed(allTrialsNonFinite):
                    if newtonDirection == nil {
                        return finish(allTrialsNonFinite ? .nonFiniteValue : .lineSearchFailed)
                    }
                    newtonDirection = nil
                }
                if accepted != nil { break }
            }
            guard let step = accepted else { return finish(.lineSearchFailed) }

            var stepNorm = 0.0, xNorm = 0.0
            for i in 0..<n {
                stepNorm = Swift.max(stepNorm, abs(step.x[i] - x[i]))
                xNorm = Swift.max(xNorm, abs(x[i]))
            }
            let fOld = f
            x = step.x
            f = step.value
            g = step.gradient
            h = trialHessian
            iterations += 1
            if fOld - f <= options.relativeFunctionTolerance * Swift.max(abs(fOld), abs(f), 1) {
                return finish(.functionTolerance)
            }
            if stepNorm <= options.stepTolerance * Swift.max(1, xNorm) { return finish(.stepTolerance) }
        }
    }

    /// Solves `(H + τI) d = −g` with the smallest shift `τ` of the doubling sequence that makes
    /// `H + τI` numerically positive definite (``Cholesky`` succeeds); nil when `H` is not finite,
    /// no shift works within 64 doublings, or the solution is not a finite descent direction.
    /// Only the lower triangle of `hessian` is read.
    private static func shiftedCholeskySolve(hessian: Matrix, gradient g: [Double]) -> [Double]? {
        let n = g.count
        guard hessian.isFinite else { return nil }
        var minDiagonal = Double.infinity, maxAbsDiagonal = 0.0
        for i in 0..<n {
            let v = hessian.storage[i + i * n]
            minDiagonal = Swift.min(minDiagonal, v)
            maxAbsDiagonal = Swift.max(maxAbsDiagonal, abs(v))
        }
        let beta = 1e-3 * Swift.max(1, maxAbsDiagonal)
        var tau = minDiagonal > 0 ? 0 : beta - minDiagonal
        // `Cholesky` reads the upper triangle: the transpose's upper triangle is H's lower one.
        let lowerAsUpper = hessian.transposed
        let rhs = g.map { -$0 }
        for _ in 0..<64 {
            var shifted = lowerAsUpper
            if tau > 0 { for i in 0..<n { shifted.storage[i + i * n] += tau } }
            do {
                let d = try Cholesky(shifted).solve(rhs)
                var slope = 0.0
                for i in 0..<n { slope += g[i] * d[i] }
                guard d.allSatisfy({ $0.isFinite }), slope < 0 else { return nil }
                return d
            } catch LinearAlgebraError.notPositiveDefinite {
                tau = Swift.max(2 * tau, beta)
            } catch {
                return nil
            }
        }
        return nil
    }
}
