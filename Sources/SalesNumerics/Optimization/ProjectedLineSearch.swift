/// Backtracking Armijo line search along the projection arc `x(α) = P(x + α d)` (internal support
/// for `LBFGSB` and `NewtonMethod`; without bounds `P` is the identity and this is the classic
/// backtracking search).
///
/// A trial is accepted when its value and gradient are finite and
/// `f(x(α)) ≤ f(x) + c₁ ∇f(x)·(x(α) − x)` (Bertsekas 1982; Schmidt's `minConf_TMP`). A rejected
/// finite trial shrinks α by safeguarded quadratic interpolation into `[0.1 α, 0.5 α]`; a
/// non-finite trial halves α. At most `options.maxLineSearchSteps` trials.
enum ProjectedLineSearch {
    enum Outcome {
        /// The accepted point with its value and gradient.
        case accepted(x: [Double], value: Double, gradient: [Double])
        /// No acceptable trial; `allTrialsNonFinite` is true when trials were evaluated and every
        /// one of them had a non-finite value or gradient.
        case failed(allTrialsNonFinite: Bool)
        /// The evaluation budget ran out during the search.
        case budgetExhausted
    }

    static func search(
        x: [Double], value f0: Double, gradient g0: [Double], direction d: [Double], initialStep: Double,
        box: BoxConstraints, options: OptimizationOptions, evaluations: inout Int,
        objective: (_ x: [Double], _ gradient: inout [Double]) -> Double
    ) -> Outcome {
        let n = x.count
        var alpha = initialStep
        var sawFinite = false
        var evaluatedTrials = 0
        var trial = [Double](repeating: 0, count: n)
        for _ in 0..<options.maxLineSearchSteps {
            guard evaluations < options.maxFunctionEvaluations else { return .budgetExhausted }
            var predicted = 0.0
            var moved = false
            for i in 0..<n {
                var t = x[i] + alpha * d[i]
                if box.isBounded { t = Swift.min(Swift.max(t, box.lower[i]), box.upper[i]) }
                trial[i] = t
                let delta = t - x[i]
                if delta != 0 { moved = true }
                predicted += g0[i] * delta
            }
            guard moved else { return .failed(allTrialsNonFinite: evaluatedTrials > 0 && !sawFinite) }
            guard predicted < 0 else {
                // Projection bent the arc away from descent at this step length: shorten it.
                alpha *= 0.5
                continue
            }
            var gTrial = [Double](repeating: 0, count: n)
            let fTrial = objective(trial, &gTrial)
            evaluations += 1
            evaluatedTrials += 1
            let finite = fTrial.isFinite && gTrial.count == n && gTrial.allSatisfy { $0.isFinite }
            guard finite else {
                alpha *= 0.5
                continue
            }
            sawFinite = true
            if fTrial <= f0 + options.armijo * predicted {
                return .accepted(x: trial, value: fTrial, gradient: gTrial)
            }
            // Model φ(t) = f0 + slope t + c t² through φ(α) = fTrial with slope = predicted / α.
            let slope = predicted / alpha
            let curvature = 2 * (fTrial - f0 - slope * alpha)
            var next = curvature > 0 ? -slope * alpha * alpha / curvature : 0.5 * alpha
            if !next.isFinite { next = 0.5 * alpha }
            alpha = Swift.min(Swift.max(next, 0.1 * alpha), 0.5 * alpha)
        }
        return .failed(allTrialsNonFinite: evaluatedTrials > 0 && !sawFinite)
    }
}
