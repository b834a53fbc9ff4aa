/// Bound-constrained limited-memory quasi-Newton minimization: minimize `f(x)` subject to
/// `lower ≤ x ≤ upper` (either side may be ±∞ per coordinate, or absent).
///
/// ## Algorithm
/// A projected L-BFGS method with two-metric active-set handling (Bertsekas 1982, *Projected
/// Newton methods for optimization problems with simple constraints*; Kim, Sra & Dhillon 2010,
/// *Tackling box-constrained optimization via a new projected quasi-Newton approach*), equivalent in
/// purpose to Byrd–Lu–Nocedal–Zhu L-BFGS-B:
/// 1. The start is clipped into the box.
/// 2. At each iterate, with `w = ‖P(x − ∇f) − x‖₂` and `ε = min(10⁻³, w)`, a coordinate is *active*
///    when it lies within `ε` of a bound and its gradient pushes it out of the box; the others are
///    *free*.
/// 3. Free coordinates take the L-BFGS step `−H_F ∇_F f`: the two-loop recursion over the last
///    `memory` pairs `(s, y)` restricted to the free set (pairs with non-positive restricted
///    curvature are skipped). Active coordinates take the scaled gradient step `−γ ∂ᵢf`
///    (`γ = sᵀy / yᵀy`), which the projection stops at the bound.
/// 4. A backtracking Armijo search along the projection arc `P(x + α d)` from `α = 1` accepts the
///    first point with `f(x(α)) ≤ f(x) + c₁ ∇f·(x(α) − x)`; a non-finite value or gradient counts
///    as a rejection. If it fails, the memory is dropped and the search is retried along steepest
///    descent (first step `1/‖∇f‖₂`, capped at 1).
/// 5. Pairs with `sᵀy ≤ ε_mach yᵀy` are not stored.
/// Without bounds every coordinate is free and this is textbook L-BFGS with a backtracking search.
///
/// Active bounds are hit exactly by the projection, so at a solution `x[i] == lower[i]` or
/// `x[i] == upper[i]` bit for bit.
///
/// ## Stopping rules (first met wins; see `OptimizationOptions`)
/// - `gradientTolerance`: `‖P(x − ∇f) − x‖∞ ≤ gradientTolerance` (checked at every iterate,
///   including the start);
/// - `maxIterations`, `maxFunctionEvaluations`: the caps;
/// - `functionTolerance`: `f_k − f_{k+1} ≤ relativeFunctionTolerance × max(|f_k|, |f_{k+1}|, 1)`;
/// - `stepTolerance`: `‖x_{k+1} − x_k‖∞ ≤ stepTolerance × max(1, ‖x_k‖∞)`;
/// - `lineSearchFailed` / `nonFiniteValue`: the steepest-descent retry found no decrease
///   (respectively: every trial was NaN/±∞).
public enum LBFGSB {
    /// Minimizes a differentiable function under optional box constraints, with an analytic gradient.
    ///
    /// - Parameters:
    ///   - start: The initial point (finite; clipped into the box).
    ///   - lower: Per-coordinate lower bounds (−∞ allowed); nil for none.
    ///   - upper: Per-coordinate upper bounds (+∞ allowed); nil for none.
    ///   - options: Stopping rules and memory (defaults: 200 iterations, gradient tolerance 1e-8, m = 10).
    ///   - objective: Returns `f(x)` and writes `∇f(x)` into `gradient` (which arrives with
    ///     `x.count` elements and must keep that length). Called only at points inside the box. It
    ///     may return NaN or ±∞ where `f` is undefined; the line search then backs off.
    /// - Returns: The final point, value, gradient and stopping reason. The point's precision is
    ///   governed by the tolerances: near a non-degenerate minimum, `‖x − x*‖ ≈ ‖projected gradient‖ / λ_min`.
    /// - Throws: `OptimizationError` for an empty or non-finite start, mismatched bound lengths,
    ///   invalid bounds, a gradient of the wrong length, or a non-finite value or gradient at the
    ///   (clipped) start.
    /// - Complexity: Per iteration O(memory × n) arithmetic plus one objective evaluation per
    ///   line-search trial; memory O(memory × n).
    public static func minimize(
        start: [Double], lower: [Double]? = nil, upper: [Double]? = nil,
        options: OptimizationOptions = .init(),
        objective: (_ x: [Double], _ gradient: inout [Double]) -> Double
    ) throws -> OptimizationResult {
        let box = try BoxConstraints(start: start, lower: lower, upper: upper)
        let n = start.count
        var x = box.project(start)
        var g = [Double](repeating: 0, count: n)
        var f = objective(x, &g)
        var evaluations = 1
        guard g.count == n else {
            throw OptimizationError.dimensionMismatch(argument: "gradient", expected: n, actual: g.count)
        }
        guard f.isFinite else { throw OptimizationError.nonFiniteAtStart(quantity: "value", index: nil) }
        if let i = g.firstIndex(where: { !$0.isFinite }) {
            throw OptimizationError.nonFiniteAtStart(quantity: "gradient", index: i)
        }

        var memory = LimitedMemoryInverseHessian(capacity: options.memory)
        var iterations = 0
        var free = [Bool](repeating: true, count: n)

        func finish(_ reason: OptimizationStopReason) -> OptimizationResult {
            OptimizationResult(
                x: x, value: f, gradient: g, gradientNorm: box.projectedGradientNorm(x: x, gradient: g),
                iterations: iterations, functionEvaluations: evaluations, stopReason: reason)
        }

        while true {
            if box.projectedGradientNorm(x: x, gradient: g) <= options.gradientTolerance {
                return finish(.gradientTolerance)
            }
            if iterations >= options.maxIterations { return finish(.maxIterations) }
            if evaluations >= options.maxFunctionEvaluations { return finish(.maxFunctionEvaluations) }

            markFreeCoordinates(x: x, gradient: g, box: box, free: &free)

            var steepest = memory.isEmpty
            var accepted: (x: [Double], value: Double, gradient: [Double])? = nil
            for _ in 0..<2 {
                var d = [Double]()
                var initialStep = 1.0
                if !steepest {
                    let (direction, gamma) = memory.direction(gradient: g, free: free)
                    d = direction
                    let scale = gamma ?? 1
                    var slope = 0.0
                    for i in 0..<n {
                        if !free[i] { d[i] = -scale * g[i] }
                        slope += g[i] * d[i]
                    }
                    if !(slope < 0) { steepest = true }
                }
                if steepest {
                    d = g.map { -$0 }
                    var norm2 = 0.0
                    for v in g { norm2 += v * v }
                    norm2 = norm2.squareRoot()
                    initialStep = norm2 > 1 ? 1 / norm2 : 1
                }
                let outcome = ProjectedLineSearch.search(
                    x: x, value: f, gradient: g, direction: d, initialStep: initialStep, box: box,
                    options: options, evaluations: &evaluations, objective: objective)
                switch outcome {
                case let .accepted(xNew, fNew, gNew):
                    accepted = (xNew, fNew, gNew)
                case .budgetExhausted:
                    return finish(.maxFunctionEvaluations)
                case let .failed(allTrialsNonFinite):
                    if steepest { return finish(allTrialsNonFinite ? .nonFiniteValue : .lineSearchFailed) }
                    memory.reset()
                    steepest = true
                }
                if accepted != nil { break }
            }
            guard let step = accepted else { return finish(.lineSearchFailed) }

            var s = [Double](repeating: 0, count: n)
            var yv = [Double](repeating: 0, count: n)
            var stepNorm = 0.0, xNorm = 0.0
            for i in 0..<n {
                s[i] = step.x[i] - x[i]
                yv[i] = step.gradient[i] - g[i]
                stepNorm = Swift.max(stepNorm, abs(s[i]))
                xNorm = Swift.max(xNorm, abs(x[i]))
            }
            memory.append(s: s, y: yv)
            let fOld = f
            x = step.x
            f = step.value
            g = step.gradient
            iterations += 1

            if fOld - f <= options.relativeFunctionTolerance * Swift.max(abs(fOld), abs(f), 1) {
                return finish(.functionTolerance)
            }
            if stepNorm <= options.stepTolerance * Swift.max(1, xNorm) { return finish(.stepTolerance) }
        }
    }

    /// Marks coordinates as free unless they sit within `ε = min(10⁻³, ‖P(x − g) − x‖₂)` of a
    /// bound with the gradient pushing outward (Bertsekas' ε-active set).
    static func markFreeCoordinates(x: [Double], gradient g: [Double], box: BoxConstraints, free: inout [Bool]) {
        guard box.isBounded else { return }
        var width = 0.0
        for i in x.indices {
            let moved = Swift.min(Swift.max(x[i] - g[i], box.lower[i]), box.upper[i]) - x[i]
            width += moved * moved
        }
        let epsilon = Swift.min(1e-3, width.squareRoot())
        for i in x.indices {
            let atLower = x[i] - box.lower[i] <= epsilon && g[i] > 0
            let atUpper = box.upper[i] - x[i] <= epsilon && g[i] < 0
            free[i] = !(atLower || atUpper)
        }
    }
}
