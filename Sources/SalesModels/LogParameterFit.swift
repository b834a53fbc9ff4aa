import RealModule
import SalesNumerics

/// The maximum-likelihood search the customer models share (BG/NBD, Pareto/NBD, Gamma-Gamma):
/// L-BFGS-B over the logarithms of the parameters, each kept in [−8 log 10, 8 log 10] (so every
/// parameter, in the fit's internal units, stays in [1e-8, 1e8]). The estimate is reported in the
/// data's units; a search that does not converge, or that converges onto the edge of that box,
/// throws instead of returning parameters.
struct LogParameterFit {
    /// The bound of every log-parameter.
    static let bound = 8 * Double.log(10)

    /// The optimizer's result, over log-parameters in the fit's internal units.
    let result: OptimizationResult
    /// The estimate in the data's units, in the model's parameter order.
    let parameters: [Double]

    /// Runs `minimize` and checks its result.
    ///
    /// - Parameters:
    ///   - model: The model's name in errors (`"BG/NBD"`).
    ///   - parameterNames: The parameter names in order (for `degenerateFit`).
    ///   - start: The start, in log-parameters.
    ///   - scales: Per parameter, the factor from the fit's internal unit to the data's unit
    ///     (1 for unitless parameters).
    ///   - minimize: L-BFGS-B from `start` within the given lower and upper bounds.
    /// - Throws: `CustomerModelError.didNotConverge` (also when the objective is not finite at the
    ///   start, which only the data can cause here) or `.degenerateFit`.
    init(
        model: String, parameterNames: [String], start: [Double], scales: [Double],
        minimize: (_ lower: [Double], _ upper: [Double]) throws -> OptimizationResult
    ) throws {
        let bound = Self.bound
        func natural(_ theta: [Double]) -> [Double] { zip(theta, scales).map { Double.exp($0) * $1 } }
        let result: OptimizationResult
        do {
            result = try minimize(
                [Double](repeating: -bound, count: start.count), [Double](repeating: bound, count: start.count))
        } catch let error as OptimizationError {
            throw CustomerModelError.didNotConverge(
                model: model, reason: error.description, iterations: 0, functionEvaluations: 1,
                gradientNorm: .nan, lastParameters: natural(start))
        }
        let reported = natural(result.x)
        guard result.converged else {
            throw CustomerModelError.didNotConverge(
                model: model, reason: result.stopReason.rawValue, iterations: result.iterations,
                functionEvaluations: result.functionEvaluations, gradientNorm: result.gradientNorm,
                lastParameters: reported)
        }
        for (j, theta) in result.x.enumerated() where abs(abs(theta) - bound) < 1e-6 {
            throw CustomerModelError.degenerateFit(
                model: model, parameter: parameterNames[j], value: reported[j], lastParameters: reported)
        }
        self.result = result
        self.parameters = reported
    }
}
