/// Why an optimizer stopped.
///
/// The first three cases are convergence (`OptimizationResult.converged` is `true`); the others
/// mean the returned point is the best one found, not a certified optimum.
public enum OptimizationStopReason: String, Sendable {
    /// The (projected) gradient's infinity norm fell to `OptimizationOptions.gradientTolerance`.
    case gradientTolerance
    /// The relative decrease of the objective in one iteration fell to
    /// `OptimizationOptions.relativeFunctionTolerance`.
    case functionTolerance
    /// The step's infinity norm fell to `OptimizationOptions.stepTolerance × max(1, ‖x‖∞)`.
    case stepTolerance
    /// `OptimizationOptions.maxIterations` iterations were taken.
    case maxIterations
    /// `OptimizationOptions.maxFunctionEvaluations` evaluations were spent.
    case maxFunctionEvaluations
    /// The line search found no sufficient decrease, even along the steepest-descent direction
    /// (typically rounding noise near an optimum whose gradient tolerance is too tight).
    case lineSearchFailed
    /// Every trial point of a line search (including the steepest-descent retry) gave a non-finite
    /// value or gradient.
    case nonFiniteValue

    /// Whether this reason means a tolerance test was met.
    public var isConvergence: Bool {
        switch self {
        case .gradientTolerance, .functionTolerance, .stepTolerance: return true
        case .maxIterations, .maxFunctionEvaluations, .lineSearchFailed, .nonFiniteValue: return false
        }
    }
}

/// The outcome of a minimization: the final point and how the optimizer got there.
public struct OptimizationResult: Sendable {
    /// The final iterate (feasible: inside the bounds, active bounds exactly at the bound).
    public var x: [Double]
    /// The objective at `x`.
    public var value: Double
    /// The gradient at `x` (as returned by the objective, or the finite-difference estimate).
    public var gradient: [Double]
    /// The infinity norm of the projected gradient `P(x − g) − x` at `x`; without bounds this is
    /// ‖g‖∞. For Newton's method, ‖g‖∞.
    public var gradientNorm: Double
    /// Iterations (accepted steps) taken.
    public var iterations: Int
    /// Objective evaluations spent (each evaluation returns the value and the gradient; for the
    /// finite-difference variants, every scalar objective call is counted).
    public var functionEvaluations: Int
    /// Why the optimizer stopped.
    public var stopReason: OptimizationStopReason
    /// `true` when `stopReason` is a tolerance reason (gradient, function or step tolerance).
    public var converged: Bool

    /// Creates a result; `converged` is derived from `stopReason`.
    ///
    /// - Parameters:
    ///   - x: The final point.
    ///   - value: The objective at `x`.
    ///   - gradient: The gradient at `x`.
    ///   - gradientNorm: The (projected) gradient infinity norm at `x`.
    ///   - iterations: Accepted steps.
    ///   - functionEvaluations: Objective evaluations.
    ///   - stopReason: Why the run stopped.
    public init(
        x: [Double], value: Double, gradient: [Double], gradientNorm: Double, iterations: Int,
        functionEvaluations: Int, stopReason: OptimizationStopReason
    ) {
        self.x = x
        self.value = value
        self.gradient = gradient
        self.gradientNorm = gradientNorm
        self.iterations = iterations
        self.functionEvaluations = functionEvaluations
        self.stopReason = stopReason
        self.converged = stopReason.isConvergence
    }
}
