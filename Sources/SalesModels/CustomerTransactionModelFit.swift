import RealModule
import SalesNumerics

/// A fitted repeat-purchase model (`BGNBDModel` or `ParetoNBDModel`) with the facts of its fit.
public struct CustomerTransactionModelFit<Model: CustomerTransactionModel>: Sendable {
    /// The maximum-likelihood parameters (α, and Pareto/NBD's β, in the time unit of the data).
    public let model: Model
    /// Σ wᵢ log Lᵢ at the estimate, in the data's time unit (FHL 2005 report −9582.4 for BG/NBD
    /// and −9595.0 for Pareto/NBD on CDNOW in weeks).
    public let logLikelihood: Double
    /// Number of rows passed.
    public let rows: Int
    /// Rows the likelihood was evaluated over: identical (x, tₓ, T) rows merged, zero weights dropped.
    public let distinctRows: Int
    /// Σ wᵢ (the number of customers when no weights are given).
    public let totalWeight: Double
    /// L-BFGS-B iterations.
    public let iterations: Int
    /// Objective evaluations: value and gradient together for BG/NBD; every scalar evaluation,
    /// finite-difference ones included, for Pareto/NBD.
    public let functionEvaluations: Int
    /// ‖∇‖∞ of the mean negative log-likelihood with respect to the log-parameters at the estimate
    /// (a finite-difference estimate for Pareto/NBD).
    public let gradientNorm: Double
    /// The optimizer's stop reason (a convergence reason; other reasons throw).
    public let stopReason: OptimizationStopReason

    /// The fit of `model` found by `search` over `rows`' merged summaries of `rowCount` input rows.
    init(model: Model, search: LogParameterFit, rows summaries: CustomerSummaryRows, rowCount: Int) {
        self.model = model
        // −Σw·log L in scaled time differs from the natural-unit value by Σw·x·log(scale).
        self.logLikelihood = -search.result.value * summaries.totalWeight
            - summaries.weightedFrequency * Double.log(summaries.timeScale)
        self.rows = rowCount
        self.distinctRows = summaries.group.count
        self.totalWeight = summaries.totalWeight
        self.iterations = search.result.iterations
        self.functionEvaluations = search.result.functionEvaluations
        self.gradientNorm = search.result.gradientNorm
        self.stopReason = search.result.stopReason
    }
}

/// A fitted BG/NBD model with the facts of its fit.
public typealias BGNBDFit = CustomerTransactionModelFit<BGNBDModel>

/// A fitted Pareto/NBD model with the facts of its fit.
public typealias ParetoNBDFit = CustomerTransactionModelFit<ParetoNBDModel>
