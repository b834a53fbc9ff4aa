/// Stopping rules and tuning for `LBFGSB` and `NewtonMethod`.
///
/// An optimizer stops at the first rule met, checked in this order at every iterate: projected
/// gradient tolerance, then the iteration cap, then the evaluation cap; after each accepted step:
/// relative function decrease, then step length. Every loop inside the optimizers also has a hard
/// cap (`maxLineSearchSteps`, the Newton shift attempts), so no objective can make them hang.
public struct OptimizationOptions: Sendable {
    /// Maximum accepted steps (default 200).
    public var maxIterations: Int
    /// Maximum objective evaluations, line-search trials included (default 15 000).
    /// The finite-difference variants count every scalar objective call against this cap.
    public var maxFunctionEvaluations: Int
    /// Stop when ‖P(x − ∇f) − x‖∞ ≤ this (the projected gradient; ‖∇f‖∞ without bounds).
    /// Default 1e-8.
    public var gradientTolerance: Double
    /// Stop when `(f_k − f_{k+1}) ≤ this × max(|f_k|, |f_{k+1}|, 1)`, the rule of L-BFGS-B's
    /// `factr × epsmch` (default 1e-12, about `factr = 4.5e3`; SciPy's default is 2.2e-9).
    /// Set to 0 to disable.
    public var relativeFunctionTolerance: Double
    /// Stop when `‖x_{k+1} − x_k‖∞ ≤ this × max(1, ‖x_k‖∞)` (default 1e-14; 0 disables).
    public var stepTolerance: Double
    /// Number of correction pairs kept by L-BFGS (default 10; SciPy's default is 10).
    public var memory: Int
    /// Armijo sufficient-decrease constant `c₁` in `f(x⁺) ≤ f(x) + c₁ ∇f·(x⁺ − x)` (default 1e-4).
    public var armijo: Double
    /// Maximum trial points per line search (default 40: steps down to about 1e-12 of the first).
    public var maxLineSearchSteps: Int

    /// Creates options; every parameter has a default.
    ///
    /// - Parameters:
    ///   - maxIterations: Maximum accepted steps (≥ 0; default 200).
    ///   - maxFunctionEvaluations: Maximum objective evaluations (default 15 000).
    ///   - gradientTolerance: Projected-gradient infinity-norm tolerance (default 1e-8).
    ///   - relativeFunctionTolerance: Relative objective decrease tolerance (default 1e-12).
    ///   - stepTolerance: Relative step tolerance (default 1e-14).
    ///   - memory: L-BFGS correction pairs (≥ 1; default 10).
    ///   - armijo: Sufficient-decrease constant in (0, 0.5) (default 1e-4).
    ///   - maxLineSearchSteps: Trial points per line search (≥ 1; default 40).
    public init(
        maxIterations: Int = 200,
        maxFunctionEvaluations: Int = 15_000,
        gradientTolerance: Double = 1e-8,
        relativeFunctionTolerance: Double = 1e-12,
        stepTolerance: Double = 1e-14,
        memory: Int = 10,
        armijo: Double = 1e-4,
        maxLineSearchSteps: Int = 40
    ) {
        precondition(maxIterations >= 0, "maxIterations must be non-negative")
        precondition(maxFunctionEvaluations >= 1, "maxFunctionEvaluations must be positive")
        precondition(gradientTolerance >= 0 && relativeFunctionTolerance >= 0 && stepTolerance >= 0,
                     "tolerances must be non-negative")
        precondition(memory >= 1, "memory must be at least 1")
        precondition(armijo > 0 && armijo < 0.5, "armijo must lie in (0, 0.5)")
        precondition(maxLineSearchSteps >= 1, "maxLineSearchSteps must be positive")
        self.maxIterations = maxIterations
        self.maxFunctionEvaluations = maxFunctionEvaluations
        self.gradientTolerance = gradientTolerance
        self.relativeFunctionTolerance = relativeFunctionTolerance
        self.stepTolerance = stepTolerance
        self.memory = memory
        self.armijo = armijo
        self.maxLineSearchSteps = maxLineSearchSteps
    }
}
