import Foundation

extension LogisticRegression {
    /// Models with more terms than this use L-BFGS under `Solver.automatic`.
    public static let newtonTermLimit = 500

    /// Fits the model.
    ///
    /// - Parameters:
    ///   - features: The `n × m` feature matrix (no intercept column: set `options.intercept`).
    ///   - labels: `n` labels, each 0 or 1.
    ///   - featureNames: One name per feature column, used in results and errors (default `x1…xm`).
    ///   - weights: Optional observation weights (finite, ≥ 0; frequency-weight semantics).
    ///   - offset: Optional known term added to the linear predictor of each row.
    ///   - options: Intercept, penalty, Firth, class weights, solver and tolerances.
    /// - Returns: The fitted model.
    /// - Throws: `ModelError`: `.emptyInput`, `.dimensionMismatch`, `.nonFiniteFeature`,
    ///   `.nonFiniteValue` (label, weight, offset), `.invalidLabel`, `.negativeWeight`,
    ///   `.allWeightsZero`, `.singleClass`, `.constantFeature`, `.duplicateFeatures`,
    ///   `.tooFewObservations`, `.collinearFeatures` (unpenalized and Firth fits), `.separation`
    ///   (unpenalized fits), `.invalidParameter` (penalty, class weights, iterations, tolerance,
    ///   or Firth combined with L2 or L-BFGS), `.numerical` (information matrix not positive definite).
    /// - Complexity: Newton: O(n·p²) per iteration (usually under 10); L-BFGS: O(n·p) per iteration,
    ///   plus one O(n·p²) information matrix for the standard errors.
    public static func fit(
        features: Matrix, labels: [Double], featureNames: [String]? = nil, weights: [Double]? = nil,
        offset: [Double]? = nil, options: Options = Options()
    ) throws -> LogisticRegression {
        try validate(options)
        let design = try RegressionDesign(features: features, featureNames: featureNames, intercept: options.intercept,
                                          weights: weights, context: "LogisticRegression")
        let n = design.rows, p = design.columns
        let designMatrix = design.matrix
        guard labels.count == n else {
            throw ModelError.dimensionMismatch(context: "LogisticRegression: labels per row", expected: n, actual: labels.count)
        }
        for (i, label) in labels.enumerated() {
            guard label.isFinite else { throw ModelError.nonFiniteValue(what: "label", row: i, value: label) }
            guard label == 0 || label == 1 else { throw ModelError.invalidLabel(row: i, value: label) }
        }
        if let offset {
            guard offset.count == n else {
                throw ModelError.dimensionMismatch(context: "LogisticRegression: offsets per row", expected: n, actual: offset.count)
            }
            for (i, value) in offset.enumerated() where !value.isFinite {
                throw ModelError.nonFiniteValue(what: "offset", row: i, value: value)
            }
        }
        var combined = weights ?? [Double](repeating: 1, count: n)
        if let classWeights = options.classWeights {
            for i in 0..<n { combined[i] *= labels[i] == 1 ? classWeights.positive : classWeights.negative }
        }
        let positiveLabels = (0..<n).contains { combined[$0] > 0 && labels[$0] == 1 }
        let negativeLabels = (0..<n).contains { combined[$0] > 0 && labels[$0] == 0 }
        guard positiveLabels && negativeLabels else { throw ModelError.singleClass(label: positiveLabels ? 1 : 0) }

        var penalty = [Double](repeating: options.l2Penalty, count: p)
        if design.hasIntercept { penalty[0] = 0 }
        let likelihood = LogisticLikelihood(x: designMatrix, y: labels, w: combined,
                                            offset: offset ?? [Double](repeating: 0, count: n), penalty: penalty)
        let penalized = options.l2Penalty > 0 || options.firth

        if !penalized || options.firth {
            // Collinear terms make the information singular whatever the labels: name them first.
            // `.automatic` costs one Gram matrix on well-conditioned designs and hands anything
            // near singular (rcond < √ε) to pivoted QR, whose rank test names the dependent terms.
            // A well-conditioned weighted Gram matrix (equilibrated rcond ≥ √ε, the threshold below
            // which `.automatic` hands over to QR) proves full rank: QR's rank test (tolerance
            // max(n, p)·ε) could not fail on it, so the least-squares run is skipped.
            if !(try gramIsWellConditioned(likelihood.weightedGram())) {
                do {
                    _ = try LeastSquares.fit(design: designMatrix, response: labels, method: .automatic, weights: combined)
                } catch let error as LinearAlgebraError {
                    if case .rankDeficient = error { throw design.modelError(error) }
                }
            }
        }
        let singleFeature = singleFeatureSeparation(design: design, labels: labels, weights: combined)
        if !penalized, let singleFeature { throw ModelError.separation(complete: singleFeature.complete, features: singleFeature.features) }

        let solver: Solver = options.solver == .automatic ? (p <= newtonTermLimit ? .newton : .lbfgs) : options.solver
        let outcome: SolverOutcome
        do {
            outcome = solver == .newton
                ? try newton(likelihood, intercept: design.hasIntercept, options: options)
                : try lbfgs(likelihood, options: options)
        } catch let error as LinearAlgebraError {
            throw design.modelError(error)
        }
        if !penalized, let direction = outcome.divergenceDirection,
           let found = separationCertificate(direction: direction, design: design, labels: labels, weights: combined) {
            throw ModelError.separation(complete: found.complete, features: found.features)
        }

        let eta = try likelihood.linearPredictor(outcome.beta)
        let probabilities = RowChunks.map(eta, LogisticLikelihood.sigmoid)
        let information = try likelihood.information(probabilities: probabilities, penalized: options.l2Penalty > 0)
        let covariance: Matrix
        do {
            covariance = try Cholesky(information).inverse()
        } catch let error as LinearAlgebraError {
            if !penalized, let found = separationCertificate(direction: outcome.beta, design: design, labels: labels,
                                                              weights: combined) {
                throw ModelError.separation(complete: found.complete, features: found.features)
            }
            throw ModelError.numerical(error)
        }
        var penalizedLogLikelihood: Double?
        if options.firth {
            penalizedLogLikelihood = try firthObjective(likelihood, beta: outcome.beta)
        }
        return LogisticRegression(
            options: options, termNames: design.termNames, featureNames: design.featureNames,
            coefficients: outcome.beta, covariance: covariance,
            logLikelihood: likelihood.logLikelihood(eta: eta),
            nullLogLikelihood: nullLogLikelihood(likelihood, intercept: design.hasIntercept),
            penalizedLogLikelihood: penalizedLogLikelihood, fittedProbabilities: probabilities,
            observationCount: design.observationCount, iterations: outcome.iterations,
            converged: outcome.converged, solverUsed: solver,
            separation: penalized ? singleFeature : nil)
    }

    /// Whether the Gram matrix, with the columns equilibrated as `LeastSquares` does (powers of
    /// two nearest `1/‖column‖`), has a Cholesky factor with `rcond ≥ LeastSquares.fallbackReciprocalCondition`.
    /// - Complexity: O(p³).
    private static func gramIsWellConditioned(_ gram: Matrix) throws -> Bool {
        let p = gram.rows
        var scaled = gram
        var scale = [Double](repeating: 1, count: p)
        for j in 0..<p {
            let norm = gram[j, j].squareRoot()
            if norm > 0 && norm.isFinite { scale[j] = Double(sign: .plus, exponent: -norm.exponent, significand: 1) }
        }
        for j in 0..<p { for i in 0..<p { scaled[i, j] *= scale[i] * scale[j] } }
        guard let cholesky = try? Cholesky(scaled) else { return false }
        return cholesky.reciprocalCondition() >= LeastSquares.fallbackReciprocalCondition
    }

    private static func validate(_ options: Options) throws {
        guard options.l2Penalty >= 0, options.l2Penalty.isFinite else {
            throw ModelError.invalidParameter(name: "l2Penalty", value: options.l2Penalty, reason: "must be finite and non-negative")
        }
        if options.firth && options.l2Penalty > 0 {
            throw ModelError.invalidParameter(name: "l2Penalty", value: options.l2Penalty,
                                              reason: "cannot be combined with Firth's correction (choose one penalty)")
        }
        if options.firth && options.solver == .lbfgs {
            throw ModelError.invalidParameter(name: "firth", value: 1, reason: "Firth's correction needs the Newton solver")
        }
        if let maxIterations = options.maxIterations, maxIterations < 1 {
            throw ModelError.invalidParameter(name: "maxIterations", value: Double(maxIterations), reason: "must be at least 1")
        }
        guard options.tolerance > 0, options.tolerance.isFinite else {
            throw ModelError.invalidParameter(name: "tolerance", value: options.tolerance, reason: "must be finite and positive")
        }
        if let classWeights = options.classWeights {
            for (name, value) in [("classWeights.negative", classWeights.negative), ("classWeights.positive", classWeights.positive)]
            where !(value > 0 && value.isFinite) {
                throw ModelError.invalidParameter(name: name, value: value, reason: "must be finite and positive")
            }
        }
    }

    /// The result of a solver run.
    struct SolverOutcome {
        var beta: [Double]
        var iterations: Int
        var converged: Bool
        /// A direction along which the iterates were running away (set when the solver did not
        /// converge or the fitted probabilities saturated), to test for separation.
        var divergenceDirection: [Double]?
    }

    /// Newton–Raphson (IRLS) with step halving; with `firth`, Heinze & Schemper's modified score
    /// `Xᵀ(w(y − p) + h(½ − p))` and the penalized likelihood as the merit function.
    /// - Parameter intercept: Whether column 0 is the intercept (it then starts at the logit of
    ///   the weighted mean label).
    static func newton(_ likelihood: LogisticLikelihood, intercept: Bool, options: Options) throws -> SolverOutcome {
        let p = likelihood.columns
        var beta = [Double](repeating: 0, count: p)
        if intercept && !options.firth {
            // Start at the intercept-only fit without offset, logit of the weighted mean label:
            // usually one Newton iteration fewer than β = 0, same optimum.
            var positive = 0.0, total = 0.0
            for i in 0..<likelihood.rows { positive += likelihood.w[i] * likelihood.y[i]; total += likelihood.w[i] }
            if positive > 0 && positive < total { beta[0] = log(positive / (total - positive)) }
        }
        // η of the current β, kept from the line search of the previous iteration (not Firth's).
        var currentEta: [Double]? = options.firth ? nil : try likelihood.linearPredictor(beta)
        var objective = try currentEta.map { likelihood.logLikelihood(eta: $0) - likelihood.penaltyValue(beta) }
            ?? merit(likelihood, beta: beta, firth: options.firth)
        var lastStep: [Double]?
        let maxIterations = options.maxIterations ?? 100
        for iteration in 1...maxIterations {
            let eta = try currentEta ?? likelihood.linearPredictor(beta)
            let probabilities = RowChunks.map(eta, LogisticLikelihood.sigmoid)
            let information = try likelihood.information(probabilities: probabilities, penalized: !options.firth)
            guard let cholesky = try? Cholesky(information) else {
                // Saturated probabilities (separation) or collinearity: the caller diagnoses.
                return SolverOutcome(beta: beta, iterations: iteration - 1, converged: false,
                                     divergenceDirection: lastStep ?? beta)
            }
            var extra: [Double]?
            if options.firth {
                let whitened = likelihood.whitenedDesign(probabilities: probabilities)
                let h = try cholesky.inverseQuadraticForms(rows: whitened)
                extra = (0..<likelihood.rows).map { h[$0] * (0.5 - probabilities[$0]) }
            }
            let score = try likelihood.score(beta: beta, probabilities: probabilities, extra: extra)
            let delta = try cholesky.solve(score)
            var t = 1.0
            var accepted: (beta: [Double], objective: Double, eta: [Double]?)?
            for _ in 0..<40 {
                let candidate = (0..<p).map { beta[$0] + t * delta[$0] }
                var candidateEta: [Double]?
                let value: Double
                if options.firth {
                    value = try merit(likelihood, beta: candidate, firth: true)
                } else {
                    let eta = try likelihood.linearPredictor(candidate)
                    value = likelihood.logLikelihood(eta: eta) - likelihood.penaltyValue(candidate)
                    candidateEta = eta
                }
                if value.isFinite && value >= objective - 1e-12 * (1 + abs(objective)) {
                    accepted = (candidate, value, candidateEta)
                    break
                }
                t /= 2
            }
            let newtonStep = delta.map(abs).max() ?? 0
            let stepSize = newtonStep * t
            guard let accepted else {
                // No increase even for tiny steps: at the optimum up to rounding when the full
                // Newton step is already small; otherwise a failure reported as non-convergence.
                let scale = max(1, beta.map(abs).max() ?? 0)
                return SolverOutcome(beta: beta, iterations: iteration, converged: newtonStep <= 1e-6 * scale,
                                     divergenceDirection: nil)
            }
            lastStep = (0..<p).map { t * delta[$0] }
            beta = accepted.beta
            objective = accepted.objective
            currentEta = accepted.eta
            let scale = max(1, beta.map(abs).max() ?? 0)
            if stepSize <= options.tolerance * scale {
                return SolverOutcome(beta: beta, iterations: iteration, converged: true, divergenceDirection: nil)
            }
            if iteration >= 10, !options.firth, options.l2Penalty == 0,
               let maxEta = (try? currentEta ?? likelihood.linearPredictor(beta))?.map(abs).max(), maxEta > 30 {
                // Fitted probabilities within 1e-13 of 0 or 1 after 10 iterations: test for separation.
                return SolverOutcome(beta: beta, iterations: iteration, converged: false, divergenceDirection: lastStep)
            }
        }
        return SolverOutcome(beta: beta, iterations: maxIterations, converged: false, divergenceDirection: lastStep)
    }

    /// The merit function Newton maximizes: the penalized log-likelihood, or Firth's.
    private static func merit(_ likelihood: LogisticLikelihood, beta: [Double], firth: Bool) throws -> Double {
        if firth { return try firthObjective(likelihood, beta: beta) }
        return likelihood.logLikelihood(eta: try likelihood.linearPredictor(beta)) - likelihood.penaltyValue(beta)
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

    /// The log-likelihood of the intercept-only model (same offset and weights), by a 1-D Newton
    /// iteration; of `β = 0` without an intercept.
    static func nullLogLikelihood(_ likelihood: LogisticLikelihood, intercept: Bool) -> Double {
        let n = likelihood.rows
        guard intercept else { return likelihood.logLikelihood(eta: likelihood.offset) }
        var positive = 0.0, total = 0.0
        for i in 0..<n { positive += likelihood.w[i] * likelihood.y[i]; total += likelihood.w[i] }
        var alpha = log(positive / (total - positive))
        var eta = likelihood.offset.map { $0 + alpha }
        for _ in 0..<100 {
            var g = 0.0, h = 0.0
            for i in 0..<n where likelihood.w[i] > 0 {
                let p = LogisticLikelihood.sigmoid(eta[i])
                g += likelihood.w[i] * (likelihood.y[i] - p)
                h += likelihood.w[i] * p * (1 - p)
            }
            guard h > 0 else { break }
            let step = g / h
            alpha += step
            eta = likelihood.offset.map { $0 + alpha }
            if abs(step) <= 1e-14 * max(1, abs(alpha)) { break }
        }
        return likelihood.logLikelihood(eta: eta)
    }
}
