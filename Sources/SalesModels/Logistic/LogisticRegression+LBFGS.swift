import Foundation
import SalesNumerics

// The L-BFGS solver of `LogisticRegression.fit` (large models, `Solver.lbfgs`).
extension LogisticRegression {
    /// L-BFGS (SalesNumerics' `LBFGSB`, unbounded) on the mean penalized negative log-likelihood.
    static func lbfgs(_ likelihood: LogisticLikelihood, options: Options) throws -> SolverOutcome {
        let totalWeight = likelihood.w.reduce(0, +)
        var failure: Error?
        let result = try LBFGSB.minimize(
            start: [Double](repeating: 0, count: likelihood.columns),
            // The function and step tests are disabled so the run ends on the gradient tolerance
            // (or the iteration cap), not on a flat stretch of the objective.
            options: OptimizationOptions(maxIterations: options.maxIterations ?? 2000, gradientTolerance: options.tolerance,
                                         relativeFunctionTolerance: 0, stepTolerance: 0)
        ) { beta, gradient in
            do {
                let eta = try likelihood.linearPredictor(beta)
                let probabilities = RowChunks.map(eta, LogisticLikelihood.sigmoid)
                let score = try likelihood.score(beta: beta, probabilities: probabilities)
                for j in gradient.indices { gradient[j] = -score[j] / totalWeight }
                return -(likelihood.logLikelihood(eta: eta) - likelihood.penaltyValue(beta)) / totalWeight
            } catch {
                failure = error
                return .nan
            }
        }
        if let failure { throw failure }
        let saturated = (try? likelihood.linearPredictor(result.x).map(abs).max() ?? 0).map { $0 > 30 } ?? false
        return SolverOutcome(beta: result.x, iterations: result.iterations, converged: result.converged,
                             divergenceDirection: (!result.converged || saturated) ? result.x : nil)
    }
}
