import Foundation
import SalesNumerics

// Firth's bias-reduced logistic regression (the solver behind `Options.firth`).
extension LogisticRegression {
    /// Newton–Raphson with step halving for Firth's penalized likelihood `ℓ(β) + ½ log det I(β)`
    /// (the merit function), with Heinze & Schemper's modified score `Xᵀ(w(y − p) + h(½ − p))`.
    static func firthNewton(_ likelihood: LogisticLikelihood, options: Options) throws -> SolverOutcome {
        let p = likelihood.columns
        var beta = [Double](repeating: 0, count: p)
        var objective = try firthObjective(likelihood, beta: beta)
        var lastStep: [Double]?
        let maxIterations = options.maxIterations ?? 100
        for iteration in 1...maxIterations {
            let eta = try likelihood.linearPredictor(beta)
            let probabilities = RowChunks.map(eta, LogisticLikelihood.sigmoid)
            let information = try likelihood.information(probabilities: probabilities, penalized: false)
            guard let cholesky = try? Cholesky(information) else {
                return SolverOutcome(beta: beta, iterations: iteration - 1, converged: false,
                                     divergenceDirection: lastStep ?? beta)
            }
            let whitened = likelihood.whitenedDesign(probabilities: probabilities)
            let h = try cholesky.inverseQuadraticForms(rows: whitened)
            let extra = (0..<likelihood.rows).map { h[$0] * (0.5 - probabilities[$0]) }
            let score = try likelihood.score(beta: beta, probabilities: probabilities, extra: extra)
            let delta = try cholesky.solve(score)
            var t = 1.0
            var accepted: (beta: [Double], objective: Double)?
            for _ in 0..<40 {
                let candidate = (0..<p).map { beta[$0] + t * delta[$0] }
                let value = try firthObjective(likelihood, beta: candidate)
                if value.isFinite && value >= objective - 1e-12 * (1 + abs(objective)) {
                    accepted = (candidate, value)
                    break
                }
                t /= 2
            }
            let newtonStep = delta.map(abs).max() ?? 0
            let stepSize = newtonStep * t
            guard let accepted else {
                let scale = max(1, beta.map(abs).max() ?? 0)
                return SolverOutcome(beta: beta, iterations: iteration, converged: newtonStep <= 1e-6 * scale,
                                     divergenceDirection: nil)
            }
            lastStep = (0..<p).map { t * delta[$0] }
            beta = accepted.beta
            objective = accepted.objective
            let scale = max(1, beta.map(abs).max() ?? 0)
            if stepSize <= options.tolerance * scale {
                return SolverOutcome(beta: beta, iterations: iteration, converged: true, divergenceDirection: nil)
            }
        }
        return SolverOutcome(beta: beta, iterations: maxIterations, converged: false, divergenceDirection: lastStep)
    }

    /// `ℓ(β) + ½ log det(XᵀWX)`; −∞ where the information is numerically singular.
    static func firthObjective(_ likelihood: LogisticLikelihood, beta: [Double]) throws -> Double {
        let eta = try likelihood.linearPredictor(beta)
        let probabilities = RowChunks.map(eta, LogisticLikelihood.sigmoid)
        guard let cholesky = try? Cholesky(likelihood.information(probabilities: probabilities, penalized: false)) else {
            return -.infinity
        }
        return likelihood.logLikelihood(eta: eta) + 0.5 * cholesky.logDeterminant
    }
}
