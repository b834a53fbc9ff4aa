import Foundation
import SalesNumerics

// The fused Newton–Raphson (IRLS) solver of `LogisticRegression.fit` and the solver result types.
extension LogisticRegression {
    /// The result of a solver run.
    struct SolverOutcome {
        var beta: [Double]
        var iterations: Int
        var converged: Bool
        /// A direction along which the iterates were running away (set when the solver did not
        /// converge or the fitted probabilities saturated), to test for separation.
        var divergenceDirection: [Double]?
    }

    /// The result of the fused Newton run: the outcome, the evaluation at the returned
    /// coefficients, and the Cholesky factor of the (penalized) information there (or why it
    /// does not exist).
    struct NewtonRun {
        var outcome: SolverOutcome
        var evaluation: LogisticNewtonPass.Evaluation
        var factor: Result<Cholesky, LinearAlgebraError>
    }

    /// Newton–Raphson (IRLS) with step halving on the penalized log-likelihood, one fused pass
    /// over the rows per iteration.
    ///
    /// At the current `β` the pass gives `ℓ`, the score `g` and the information `H` (penalty
    /// added); the Newton step is `δ = H⁻¹g`. The run stops *at* `β` — every quantity of the
    /// result was computed there, so no pass is spent after convergence — when
    /// `max|δ| ≤ tolerance·max(1, ‖β‖∞)`, or when the Newton decrement shows that ℓ is converged
    /// to its own rounding: `gᵀδ/2 ≤ 8ε·|ℓ|` (the gain a further step could bring) with
    /// `max|δ| ≤ √tolerance·max(1, ‖β‖∞)`. With quadratic convergence `β` is then within about
    /// `max|δ|` of the optimum. Otherwise `β + tδ` (t = 1, ½, …) is evaluated until the objective
    /// does not decrease.
    /// - Parameters:
    ///   - pass: The fused pass over the design.
    ///   - start: The starting coefficients.
    ///   - first: The evaluation at `start`.
    ///   - penalty: The L2 penalty per term.
    ///   - options: Tolerance and iteration cap.
    static func newton(_ pass: LogisticNewtonPass, start: [Double], first: LogisticNewtonPass.Evaluation,
                       penalty: [Double], options: Options) throws -> NewtonRun {
        let p = pass.columns
        func penaltyValue(_ beta: [Double]) -> Double {
            var sum = 0.0
            for j in 0..<p { sum += 0.5 * penalty[j] * beta[j] * beta[j] }
            return sum
        }
        var beta = start
        var current = first
        var objective = current.logLikelihood - penaltyValue(beta)
        var lastStep: [Double]?
        let maxIterations = options.maxIterations ?? 100
        var iterations = 0
        while true {
            var information = current.information
            var score = current.score
            for j in 0..<p {
                information[j, j] += penalty[j]
                score[j] -= penalty[j] * beta[j]
            }
            let cholesky: Cholesky
            do {
                cholesky = try Cholesky(information)
            } catch let error as LinearAlgebraError {
                // Saturated probabilities (separation) or collinearity: the caller diagnoses.
                return NewtonRun(outcome: SolverOutcome(beta: beta, iterations: iterations, converged: false,
                                                        divergenceDirection: lastStep ?? beta),
                                 evaluation: current, factor: .failure(error))
            }
            let delta = try cholesky.solve(score)
            let newtonStep = delta.map(abs).max() ?? 0
            let scale = max(1, beta.map(abs).max() ?? 0)
            func finish(converged: Bool, direction: [Double]?) -> NewtonRun {
                NewtonRun(outcome: SolverOutcome(beta: beta, iterations: iterations, converged: converged,
                                                 divergenceDirection: direction),
                          evaluation: current, factor: .success(cholesky))
            }
            // The log-likelihood still to be gained by the step, λ²/2 = gᵀH⁻¹g/2 (the Newton
            // decrement): once it is within the rounding of ℓ itself and the step is below
            // √tolerance, another pass could not change ℓ and would move β by about the step.
            let remainingGain = 0.5 * zip(score, delta).reduce(0) { $0 + $1.0 * $1.1 }
            let roundingOfObjective = 8 * Double.ulpOfOne * abs(objective)
            if newtonStep <= options.tolerance * scale
                || (remainingGain <= roundingOfObjective && newtonStep <= options.tolerance.squareRoot() * scale) {
                return finish(converged: true, direction: nil)
            }
            if iterations >= 10, options.l2Penalty == 0, current.maxAbsoluteEta > 30 {
                // Fitted probabilities within 1e-13 of 0 or 1 after 10 iterations: test for separation.
                return finish(converged: false, direction: lastStep)
            }
            if iterations >= maxIterations { return finish(converged: false, direction: lastStep) }
            var t = 1.0
            var accepted: (beta: [Double], evaluation: LogisticNewtonPass.Evaluation, objective: Double)?
            for _ in 0..<40 {
                let candidate = (0..<p).map { beta[$0] + t * delta[$0] }
                let evaluation = try pass.evaluate(candidate)
                let value = evaluation.logLikelihood - penaltyValue(candidate)
                if value.isFinite && value >= objective - 1e-12 * (1 + abs(objective)) {
                    accepted = (candidate, evaluation, value)
                    break
                }
                t /= 2
            }
            guard let accepted else {
                // No increase even for tiny steps: at the optimum up to rounding when the full
                // Newton step is already small; otherwise a failure reported as non-convergence.
                return finish(converged: newtonStep <= 1e-6 * scale, direction: nil)
            }
            iterations += 1
            lastStep = (0..<p).map { t * delta[$0] }
            beta = accepted.beta
            current = accepted.evaluation
            objective = accepted.objective
        }
    }
}
