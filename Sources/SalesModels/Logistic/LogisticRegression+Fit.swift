import Foundation
import SalesNumerics

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
    /// - Complexity: Newton (without Firth): O(n·p²) per iteration (usually under 10), each one
    ///   read of the features shared by both cores, no copy of the features (O(p²) plus cache-sized
    ///   blocks per chunk, and the n fitted probabilities); Firth's Newton: O(n·p²) per iteration on
    ///   an n × p copy with the intercept column; L-BFGS: O(n·p) per iteration, plus one O(n·p²)
    ///   information matrix for the standard errors.
    public static func fit(
        features: Matrix, labels: [Double], featureNames: [String]? = nil, weights: [Double]? = nil,
        offset: [Double]? = nil, options: Options = Options()
    ) throws -> LogisticRegression {
        try validate(options)
        let design = try RegressionDesign(features: features, featureNames: featureNames, intercept: options.intercept,
                                          weights: weights, context: "LogisticRegression")
        let n = design.rows, p = design.columns
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
        let penalized = options.l2Penalty > 0 || options.firth
        let solver: Solver = options.solver == .automatic ? (p <= newtonTermLimit ? .newton : .lbfgs) : options.solver
        if solver == .newton && !options.firth {
            return try fitByNewton(design: design, labels: labels, weights: combined, offset: offset, penalty: penalty,
                                   options: options)
        }

        let designMatrix = design.matrix
        let likelihood = LogisticLikelihood(x: designMatrix, y: labels, w: combined,
                                            offset: offset ?? [Double](repeating: 0, count: n), penalty: penalty)
        if !penalized || options.firth {
            // Collinear terms make the information singular whatever the labels: name them first.
            if !(try gramIsWellConditioned(likelihood.weightedGram())) {
                try throwIfCollinear(design: design, labels: labels, weights: combined)
            }
        }
        let bounds = LogisticNewtonPass(features: design.features, intercept: design.hasIntercept, labels: labels,
                                        weights: combined, offset: offset).classBounds()
        let singleFeature = singleFeatureSeparation(design: design, bounds: bounds)
        if !penalized, let singleFeature { throw ModelError.separation(complete: singleFeature.complete, features: singleFeature.features) }

        let outcome: SolverOutcome
        do {
            outcome = solver == .newton
                ? try firthNewton(likelihood, options: options)
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
            nullLogLikelihood: nullLogLikelihood(labels: labels, weights: combined, offset: offset,
                                                 intercept: design.hasIntercept),
            penalizedLogLikelihood: penalizedLogLikelihood, fittedProbabilities: probabilities,
            observationCount: design.observationCount, iterations: outcome.iterations,
            converged: outcome.converged, solverUsed: solver,
            separation: penalized ? singleFeature : nil)
    }

    /// Throws `.collinearFeatures` naming the dependent terms when pivoted QR of the weighted
    /// design finds it rank deficient (the Gram matrix test found it near singular); returns
    /// otherwise.
    private static func throwIfCollinear(design: RegressionDesign, labels: [Double], weights: [Double]) throws {
        // `.automatic` hands anything near singular (rcond < √ε) to pivoted QR, whose rank test
        // names the dependent terms. A well-conditioned weighted Gram matrix (equilibrated rcond ≥
        // √ε) proves full rank, which is why callers run this only when that test fails.
        do {
            _ = try LeastSquares.fit(design: design.matrix, response: labels, method: .automatic, weights: weights)
        } catch let error as LinearAlgebraError {
            if case .rankDeficient = error { throw design.modelError(error) }
        }
    }

    /// The unpenalized or L2 fit by Newton/IRLS with one fused pass over the rows per iteration
    /// (`LogisticNewtonPass`): the log-likelihood, score, information and fitted probabilities
    /// at the current coefficients come from the same read of `X`, and the final pass also gives
    /// the covariance, the log-likelihood and the fitted probabilities of the result.
    private static func fitByNewton(
        design: RegressionDesign, labels: [Double], weights: [Double], offset: [Double]?, penalty: [Double],
        options: Options
    ) throws -> LogisticRegression {
        let p = design.columns
        let penalized = options.l2Penalty > 0
        let pass = LogisticNewtonPass(features: design.features, intercept: design.hasIntercept, labels: labels,
                                      weights: weights, offset: offset)
        // Start at the intercept-only fit without offset, logit of the weighted mean label (β = 0
        // without an intercept): usually one Newton iteration fewer than β = 0, same optimum.
        var start = [Double](repeating: 0, count: p)
        let (positive, total) = weightedLabelSums(labels: labels, weights: weights)
        if design.hasIntercept && positive > 0 && positive < total { start[0] = log(positive / (total - positive)) }
        let first: LogisticNewtonPass.Evaluation
        do {
            first = try pass.evaluate(start, classBounds: true)
            if !penalized {
                // Collinear terms make the information singular whatever the labels: name them
                // first. Without an offset every row has the same p at the start, so the first
                // information is p(1 − p)·Xᵀdiag(w)X: the weighted Gram matrix comes for free.
                let gram: Matrix
                if offset == nil, let probability = first.probabilities.first, probability > 0, probability < 1 {
                    var scaled = first.information
                    let factor = 1 / (probability * (1 - probability))
                    for k in scaled.storage.indices { scaled.storage[k] *= factor }
                    gram = scaled
                } else {
                    gram = try pass.weightedGram()
                }
                if !(try gramIsWellConditioned(gram)) {
                    try throwIfCollinear(design: design, labels: labels, weights: weights)
                }
            }
        } catch let error as LinearAlgebraError {
            throw design.modelError(error)
        }
        let singleFeature = singleFeatureSeparation(design: design, bounds: first.classBounds ?? pass.classBounds())
        if !penalized, let singleFeature { throw ModelError.separation(complete: singleFeature.complete, features: singleFeature.features) }

        let run = try newton(pass, start: start, first: first, penalty: penalty, options: options)
        if !penalized, let direction = run.outcome.divergenceDirection,
           let found = separationCertificate(direction: direction, design: design, labels: labels, weights: weights) {
            throw ModelError.separation(complete: found.complete, features: found.features)
        }
        let covariance: Matrix
        do {
            covariance = try run.factor.get().inverse()
        } catch let error as LinearAlgebraError {
            if !penalized, let found = separationCertificate(direction: run.outcome.beta, design: design, labels: labels,
                                                              weights: weights) {
                throw ModelError.separation(complete: found.complete, features: found.features)
            }
            throw ModelError.numerical(error)
        }
        return LogisticRegression(
            options: options, termNames: design.termNames, featureNames: design.featureNames,
            coefficients: run.outcome.beta, covariance: covariance,
            logLikelihood: run.evaluation.logLikelihood,
            nullLogLikelihood: nullLogLikelihood(labels: labels, weights: weights, offset: offset,
                                                 intercept: design.hasIntercept),
            penalizedLogLikelihood: nil, fittedProbabilities: run.evaluation.probabilities,
            observationCount: design.observationCount, iterations: run.outcome.iterations,
            converged: run.outcome.converged, solverUsed: .newton,
            separation: penalized ? singleFeature : nil)
    }

    /// `(Σ wᵢyᵢ, Σ wᵢ)`.
    static func weightedLabelSums(labels: [Double], weights: [Double]) -> (positive: Double, total: Double) {
        var positive = 0.0, total = 0.0
        for i in labels.indices { positive += weights[i] * labels[i]; total += weights[i] }
        return (positive, total)
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

    /// The log-likelihood of the intercept-only model (same offset and weights): without an
    /// offset in closed form, `P·α − W·log(1 + e^α)` at `α = log(P/(W − P))` (`P = Σwy`, `W = Σw`);
    /// with one, by a 1-D Newton iteration. Without an intercept, that of `β = 0`.
    static func nullLogLikelihood(labels: [Double], weights: [Double], offset: [Double]?, intercept: Bool) -> Double {
        let n = labels.count
        let (positive, total) = weightedLabelSums(labels: labels, weights: weights)
        func logLikelihood(_ eta: (Int) -> Double) -> Double {
            var sum = 0.0
            for i in 0..<n where weights[i] > 0 {
                sum += weights[i] * (labels[i] * eta(i) - LogisticLikelihood.softplus(eta(i)))
            }
            return sum
        }
        guard intercept else { return logLikelihood { offset?[$0] ?? 0 } }
        var alpha = log(positive / (total - positive))
        guard let offset else { return positive * alpha - total * LogisticLikelihood.softplus(alpha) }
        for _ in 0..<100 {
            var g = 0.0, h = 0.0
            for i in 0..<n where weights[i] > 0 {
                let p = LogisticLikelihood.sigmoid(offset[i] + alpha)
                g += weights[i] * (labels[i] - p)
                h += weights[i] * p * (1 - p)
            }
            guard h > 0 else { break }
            let step = g / h
            alpha += step
            if abs(step) <= 1e-14 * max(1, abs(alpha)) { break }
        }
        return logLikelihood { offset[$0] + alpha }
    }
}
