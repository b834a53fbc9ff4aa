import SalesNumerics
/// Binary logistic regression by maximum likelihood, with an optional L2 penalty or Firth's
/// bias reduction, observation and class weights, and an offset.
///
/// The model is `P(y = 1 | x) = σ(xᵀβ + offset)`, `σ(t) = 1/(1 + e⁻ᵗ)`. The fit maximizes
/// `Σ wᵢ[yᵢηᵢ − log(1 + e^ηᵢ)] − (λ/2)Σⱼ βⱼ²` (the penalty skips the intercept), or with
/// `firth: true` the penalized likelihood `ℓ(β) + ½ log det I(β)` (Firth 1993; Heinze & Schemper
/// 2002), whose estimates exist even when the classes are separated.
///
/// **Separation.** When the classes are (quasi-)completely separated, the ordinary maximum-
/// likelihood estimate does not exist: some coefficients run off to ±∞ and their standard errors
/// are meaningless. An unpenalized fit therefore *throws* `ModelError.separation` naming the
/// separating features, rather than return numbers that look like a model (a flagged result would
/// be too easy to ignore in a pipeline). Penalized fits (L2 or Firth) are well defined under
/// separation; they succeed and report what was found in `separation`.
///
/// Precision: Newton iterations stop at the current estimate when the next Newton step would be
/// below `tolerance·max(1, ‖β‖∞)` (default 1e-10), or below `√tolerance·max(1, ‖β‖∞)` with a
/// Newton decrement showing the log-likelihood converged to its rounding (gain of the next step
/// ≤ 8ε·|ℓ|); with quadratic convergence the coefficients are then within about that step of the
/// optimum (the tests match statsmodels to 1e-6 relative), and the log-likelihood, covariance and
/// fitted probabilities are those of the returned coefficients.
public struct LogisticRegression: Sendable {
    /// Class weights multiplying the observation weights of each class (scikit-learn's
    /// `class_weight`).
    public struct ClassWeights: Sendable, Equatable {
        /// Weight of label 0.
        public var negative: Double
        /// Weight of label 1.
        public var positive: Double
        /// Creates class weights (both finite and > 0).
        public init(negative: Double, positive: Double) {
            self.negative = negative
            self.positive = positive
        }
    }

    /// The optimizer.
    public enum Solver: String, Sendable, Equatable, CaseIterable {
        /// Newton's method when the model has at most 500 terms, L-BFGS beyond.
        case automatic
        /// Newton–Raphson / IRLS: `XᵀWX` by `dsyrk` on `√w`-scaled rows and a Cholesky solve per
        /// iteration, with step halving. O(n·p²) per iteration, few iterations.
        case newton
        /// L-BFGS on the (penalized) negative log-likelihood: O(n·p) per iteration, for wide models.
        /// Not available with Firth's correction.
        case lbfgs
    }

    /// How the model is fitted.
    public struct Options: Sendable, Equatable {
        /// Add an intercept (named `"(Intercept)"`, first). Default `true`.
        public var intercept: Bool
        /// The L2 penalty `λ ≥ 0` on the feature coefficients (not the intercept). scikit-learn's
        /// `C` is `1/λ`. Default 0.
        public var l2Penalty: Double
        /// Use Firth's bias-reduced penalized likelihood. Default `false`; not combinable with
        /// `l2Penalty > 0` or the L-BFGS solver.
        public var firth: Bool
        /// Class weights (default none).
        public var classWeights: ClassWeights?
        /// The optimizer (default `.automatic`).
        public var solver: Solver
        /// Maximum iterations; nil (default) uses the solver's own: 100 for Newton, 2000 for L-BFGS.
        public var maxIterations: Int?
        /// Convergence tolerance: Newton stops when the largest Newton step is below
        /// `tolerance·max(1, ‖β‖∞)`, or below `√tolerance·max(1, ‖β‖∞)` once the log-likelihood
        /// is converged to its rounding (see the type's discussion); L-BFGS when the mean-loss
        /// gradient's largest component is below it. Default 1e-10.
        public var tolerance: Double

        /// Creates options (see the properties for their meaning and defaults).
        public init(intercept: Bool = true, l2Penalty: Double = 0, firth: Bool = false,
                    classWeights: ClassWeights? = nil, solver: Solver = .automatic,
                    maxIterations: Int? = nil, tolerance: Double = 1e-10) {
            self.intercept = intercept
            self.l2Penalty = l2Penalty
            self.firth = firth
            self.classWeights = classWeights
            self.solver = solver
            self.maxIterations = maxIterations
            self.tolerance = tolerance
        }
    }

    /// Separation found in the data (see the type's discussion).
    public struct Separation: Sendable, Equatable {
        /// `true` for complete separation, `false` for quasi-complete (ties on the boundary).
        public var complete: Bool
        /// The features whose combination separates the classes.
        public var features: [String]
    }

    /// The options the model was fitted with.
    public let options: Options
    /// Names of the coefficients: `"(Intercept)"` first when fitted with one, then the features.
    public let termNames: [String]
    /// Names of the features, in column order.
    public let featureNames: [String]
    /// The estimated coefficients (log-odds scale), aligned with `termNames`.
    public let coefficients: [Double]
    /// The covariance of the coefficients: the inverse of the (penalized) Fisher information at the
    /// estimate, `(XᵀWX + Λ)⁻¹` (for L2 fits a Bayesian-style approximation; for Firth fits the
    /// unpenalized information, as logistf's Wald output).
    public let covariance: Matrix
    /// The (unpenalized, weighted) log-likelihood at the estimate.
    public let logLikelihood: Double
    /// The log-likelihood of the intercept-only model with the same offset and weights (the
    /// model with every coefficient 0 when fitted without an intercept).
    public let nullLogLikelihood: Double
    /// Firth's penalized log-likelihood `ℓ + ½ log det I` at the estimate (nil unless `firth`).
    public let penalizedLogLikelihood: Double?
    /// The fitted probabilities, one per row.
    public let fittedProbabilities: [Double]
    /// Number of observations (rows with positive weight).
    public let observationCount: Int
    /// Iterations taken by the solver.
    public let iterations: Int
    /// Whether the solver met its convergence tolerance.
    public let converged: Bool
    /// The solver actually used (`.newton` or `.lbfgs`).
    public let solverUsed: Solver
    /// Separation detected in a penalized fit (nil when none was found or the fit is unpenalized).
    public let separation: Separation?

    /// Whether the model has an intercept term.
    public var hasIntercept: Bool { options.intercept }
}
