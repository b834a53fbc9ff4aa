import Foundation

extension LogisticRegression {
    /// A readable, fixed-width summary: the coefficient table (estimate, SE, z, p, odds ratio, 95%
    /// CI of the odds ratio) and the fit statistics, in the spirit of statsmodels' `summary()`.
    ///
    /// - Complexity: O(p²).
    public var summary: String {
        let se = standardErrors, z = zStatistics, p = pValues, odds = oddsRatios
        let intervals = oddsRatioIntervals(level: 0.95)
        let nameWidth = max(12, termNames.map(\.count).max() ?? 0)
        func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, width - text.count))
            return left ? text + fill : fill + text
        }
        func number(_ value: Double) -> String { String(format: "%.6g", value) }
        let kind = options.firth ? "Firth penalized likelihood"
            : options.l2Penalty > 0 ? "L2 penalty λ = \(number(options.l2Penalty))" : "maximum likelihood"
        var lines: [String] = []
        lines.append("Logistic regression (\(kind), \(solverUsed == .newton ? "Newton" : "L-BFGS"), "
                     + "\(iterations) iterations, \(converged ? "converged" : "NOT converged"))")
        lines.append("observations: \(observationCount)   log-likelihood: \(number(logLikelihood))   "
                     + "null: \(number(nullLogLikelihood))   McFadden R²: \(number(mcFaddenRSquared))")
        lines.append("deviance: \(number(deviance))   null deviance: \(number(nullDeviance))   "
                     + "AIC: \(number(aic))   BIC: \(number(bic))")
        if let separation {
            lines.append("separation (\(separation.complete ? "complete" : "quasi-complete")): "
                         + separation.features.joined(separator: ", "))
        }
        lines.append("")
        let header = [pad("term", nameWidth, left: true), pad("estimate", 13), pad("std.error", 13), pad("z", 9),
                      pad("p", 11), pad("odds ratio", 13), pad("[0.025", 13), pad("0.975]", 13)]
        lines.append(header.joined(separator: " "))
        lines.append(String(repeating: "─", count: header.joined(separator: " ").count))
        for k in termNames.indices {
            lines.append([pad(termNames[k], nameWidth, left: true), pad(number(coefficients[k]), 13), pad(number(se[k]), 13),
                          pad(String(format: "%.3f", z[k]), 9), pad(String(format: "%.4g", p[k]), 11),
                          pad(number(odds[k]), 13), pad(number(intervals[k].lower), 13),
                          pad(number(intervals[k].upper), 13)].joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
